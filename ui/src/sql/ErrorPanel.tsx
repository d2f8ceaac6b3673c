export interface QueryError {
  code: string;
  message: string;
  line: number | null;
  column: number | null;
}

interface ErrorPanelProps {
  error: QueryError;
  onGoTo?: (line: number, column: number) => void;
}

export function positionLabel(line: number | null, column: number | null): string | null {
  if (line === null) return null;
  return column === null ? `Line ${line}` : `Line ${line}, column ${column}`;
}

/** Shows a failed query's message and, when the server gave one, the position in the SQL. */
export function ErrorPanel({ error, onGoTo }: ErrorPanelProps) {
  const position = positionLabel(error.line, error.column);
  return (
    <div className="error-panel" data-testid="error-panel" role="alert">
      <div className="error-heading">
        <span className="error-code">{error.code}</span>
        {position && (
          <button
            type="button"
            className="link-button"
            data-testid="error-position"
            title="Move the editor cursor to the error"
            onClick={() => onGoTo?.(error.line ?? 1, error.column ?? 1)}
          >
            {position}
          </button>
        )}
      </div>
      <pre className="error-message" data-testid="error-message">
        {error.message}
      </pre>
    </div>
  );
}
