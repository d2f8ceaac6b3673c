import { useState } from 'react';
import type { ApiClient } from '../api/client';
import type { QueryRecord } from '../api/types';
import { useLoadable } from '../loadable';
import { HistoryList } from './HistoryList';

interface HistoryPageProps {
  client: ApiClient;
  onOpenSql: (sql: string) => void;
}

/** Queries whose SQL, user, status or tables contain the filter text (any case). */
export function filterQueries(queries: QueryRecord[], filter: string): QueryRecord[] {
  const needle = filter.trim().toLowerCase();
  if (!needle) return queries;
  return queries.filter((query) =>
    [query.sql, query.username, query.status, ...(query.tablesRead ?? [])].some((text) =>
      (text ?? '').toLowerCase().includes(needle),
    ),
  );
}

export function HistoryPage({ client, onOpenSql }: HistoryPageProps) {
  const [queries, reload] = useLoadable(() => client.queries(100), 'queries');
  const [filter, setFilter] = useState('');
  return (
    <section className="history-page">
      <div className="toolbar">
        <h1>Query history</h1>
        <span className="muted">Latest 100 queries · click one to open it in the editor</span>
        <span className="spacer-flex" />
        <input
          type="search"
          placeholder="Filter by SQL, user, status, table"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          data-testid="history-filter"
          className="filter-input"
        />
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      <div className="history-scroll">
        {queries.state === 'loading' && <div className="placeholder">Loading…</div>}
        {queries.state === 'error' && (
          <div className="error-panel" role="alert">
            <pre className="error-message">{queries.message}</pre>
          </div>
        )}
        {queries.state === 'ready' && <HistoryList queries={filterQueries(queries.value, filter)} onOpen={onOpenSql} />}
      </div>
    </section>
  );
}
