import type { ApiClient } from '../api/client';
import { useLoadable } from '../loadable';
import { HistoryList } from './HistoryList';

interface HistoryPageProps {
  client: ApiClient;
  onOpenSql: (sql: string) => void;
}

export function HistoryPage({ client, onOpenSql }: HistoryPageProps) {
  const [queries, reload] = useLoadable(() => client.queries(100), 'queries');
  return (
    <section className="history-page">
      <div className="toolbar">
        <h1>Query history</h1>
        <span className="muted">Latest 100 queries · click one to open it in the editor</span>
        <span className="spacer-flex" />
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
        {queries.state === 'ready' && <HistoryList queries={queries.value} onOpen={onOpenSql} />}
      </div>
    </section>
  );
}
