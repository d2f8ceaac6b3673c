import type { SqlResult } from '../api/types';
import { formatCount, formatMillis } from '../format';

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
      <span>{resultSummary(result)}</span>
      {result.truncated && (
        <span className="truncated-note" data-testid="result-truncated">
          Truncated: only the first {formatCount(result.rowCount)} rows are shown; raise the limit or narrow the
          query.
        </span>
      )}
    </div>
  );
}
