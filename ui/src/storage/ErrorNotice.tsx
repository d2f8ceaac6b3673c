import { ApiError } from '../api/client';

/** The failure of a storage action: the server's code and message, dismissible. */
export function ErrorNotice({ error, onDismiss }: { error: unknown; onDismiss: () => void }) {
  const code = error instanceof ApiError && error.code !== 'HTTP_ERROR' ? error.code : null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-panel storage-error" role="alert" data-testid="storage-error">
      <div className="error-heading">
        {code && <span className="error-code">{code}</span>}
        <span className="spacer-flex" />
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      </div>
      <pre className="error-message" data-testid="storage-error-message">
        {message}
      </pre>
    </div>
  );
}
