import { ApiError } from '../api/client';
import type { Tone } from './status';

/** A failed action of the data pages: the server's code and message, dismissible. */
export function PageError({ error, testId, onDismiss }: { error: unknown; testId: string; onDismiss?: () => void }) {
  const code = error instanceof ApiError && error.code !== 'HTTP_ERROR' ? error.code : null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-panel page-error" role="alert" data-testid={testId}>
      <div className="error-heading">
        {code && <span className="error-code">{code}</span>}
        <span className="spacer-flex" />
        {onDismiss && (
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        )}
      </div>
      <pre className="error-message">{message}</pre>
    </div>
  );
}

/** A coloured status word; `data-status` carries the raw status for tests. */
export function StatusBadge({ tone, label, status, testId }: { tone: Tone; label: string; status: string; testId?: string }) {
  return (
    <span className={`status-badge tone-${tone}`} data-testid={testId} data-status={status}>
      {label}
    </span>
  );
}
