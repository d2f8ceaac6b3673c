import type { QueryRecord } from '../api/types';
import { formatBytes, formatCount, formatMillis, formatTimestamp } from '../format';

interface HistoryListProps {
  queries: QueryRecord[];
  /** Called with the query's SQL when an entry is clicked. */
  onOpen: (sql: string) => void;
}

function ProfileItem({ label, value }: { label: string; value: string }) {
  return (
    <span className="profile-item">
      <span className="muted">{label}</span> {value}
    </span>
  );
}

function files(planned: number | null, scanned: number | null): string {
  if (planned === null && scanned === null) return '–';
  return `${formatCount(scanned)} scanned / ${formatCount(planned)} planned`;
}

/** Executed queries, newest first as the server sends them, each with its profile. */
export function HistoryList({ queries, onOpen }: HistoryListProps) {
  if (queries.length === 0) {
    return (
      <div className="placeholder" data-testid="history-list">
        No queries yet.
      </div>
    );
  }
  return (
    <ol className="history-list" data-testid="history-list">
      {queries.map((query) => (
        <li key={query.id} data-testid="history-item" data-query-id={query.id}>
          <button
            type="button"
            className="history-entry"
            onClick={() => onOpen(query.sql)}
            title="Open this SQL in the editor"
          >
            <div className="history-meta">
              <span className={`badge status-${query.status.toLowerCase()}`} data-testid="history-status">
                {query.status}
              </span>
              <span className="nowrap">{formatTimestamp(query.startedAt)}</span>
              <span className="muted">by</span>
              <span>{query.username}</span>
              <span className="spacer-flex" />
              <span className="nowrap" title="Total time">
                {formatMillis(query.totalMillis)}
              </span>
            </div>
            <pre className="history-sql">{query.sql}</pre>
            {query.status === 'FAILED' && query.errorMessage && (
              <div className="error-text history-error">{query.errorMessage}</div>
            )}
            <div className="profile" data-testid="history-profile">
              <ProfileItem label="planning" value={formatMillis(query.planningMillis)} />
              <ProfileItem label="execution" value={formatMillis(query.executionMillis)} />
              <ProfileItem label="files" value={files(query.filesPlanned, query.filesScanned)} />
              <ProfileItem label="bytes" value={formatBytes(query.bytesScanned)} />
              <ProfileItem label="rows" value={formatCount(query.rowsReturned)} />
              <ProfileItem
                label="tables"
                value={query.tablesRead && query.tablesRead.length ? query.tablesRead.join(', ') : '–'}
              />
            </div>
          </button>
        </li>
      ))}
    </ol>
  );
}
