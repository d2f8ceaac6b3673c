import type { SqlResult } from '../api/types';
import { formatCount, formatMillis } from '../format';
import { downloadCsv } from './csv';

/** One-line summary of a result: rows, time, truncation or the update count. */
export function resultSummary(result: SqlResult): string {
  const parts: string[] = [];
  if (result.columns.length === 0 && result.updateCount !== null && result.updateCount !== undefined) {
    parts.push(`${formatCount(result.updateCount)} ${result.updateCount === 1 ? 'row' : 'rows'} affected`);
  } else if (result.columns.length === 0) {
    parts.push('Statement executed');
  } else {
    parts.push(`${formatCount(result.rowCount)} ${result.rowCount === 1 ? 'row' : 'rows'}`);
  }
  parts.push(formatMillis(result.elapsedMillis));
  return parts.join(' · ');
}

export function ResultStatus({ result }: { result: SqlResult }) {
  return (
    <div className="result-status" data-testid="result-status">
      <span data-testid="result-summary">{resultSummary(result)}</span>
      {result.truncated && (
        <span className="truncated-note" data-testid="result-truncated">
          Truncated: only the first {formatCount(result.rowCount)} rows are shown; raise the limit or narrow the
          query.
        </span>
      )}
      <span className="spacer-flex" />
      {result.columns.length > 0 && (
        <button
          type="button"
          className="small-button"
          data-testid="download-csv"
          onClick={() => downloadCsv(`result-${result.queryId || 'query'}.csv`, result.columns, result.rows)}
        >
          Download CSV
        </button>
      )}
    </div>
  );
}
