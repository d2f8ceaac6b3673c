import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { ApiError, type ApiClient } from '../api/client';
import type { SqlResult } from '../api/types';
import type { CatalogCache, CompletionSchema } from '../catalog/CatalogCache';
import { SchemaTree } from '../catalog/SchemaTree';
import { qualifiedName } from '../format';
import { ErrorPanel, type QueryError } from './ErrorPanel';
import { ResultGrid } from './ResultGrid';
import { ResultStatus } from './ResultStatus';
import { SqlEditor, type CursorPosition, type SqlEditorHandle } from './SqlEditor';

export const ROW_LIMITS = [100, 1000, 10000] as const;

/** Workspace state kept by the app, so it survives switching pages. */
export interface WorkspaceState {
  sql: string;
  limit: number;
  running: boolean;
  result: SqlResult | null;
  error: QueryError | null;
}

export const INITIAL_WORKSPACE: WorkspaceState = {
  sql: '',
  limit: 1000,
  running: false,
  result: null,
  error: null,
};

interface SqlWorkspaceProps {
  client: ApiClient;
  catalog: CatalogCache;
  state: WorkspaceState;
  setState: Dispatch<SetStateAction<WorkspaceState>>;
}

function toQueryError(cause: unknown): QueryError {
  if (cause instanceof ApiError) {
    return { code: cause.code, message: cause.message, line: cause.line, column: cause.column };
  }
  return { code: 'CLIENT_ERROR', message: cause instanceof Error ? cause.message : String(cause), line: null, column: null };
}

/** Maps an error position in the executed text back to the editor when only a selection ran. */
export function shiftPosition(error: QueryError, start: CursorPosition): QueryError {
  if (error.line === null) return error;
  const column = error.line === 1 && error.column !== null ? error.column + start.column - 1 : error.column;
  return { ...error, line: error.line + start.line - 1, column };
}

/** Table (and, once the tree has loaded them, column) names for completion in the editor. */
function useCompletionSchema(catalog: CatalogCache): CompletionSchema {
  const [schema, setSchema] = useState<CompletionSchema>(() => catalog.completionSchema());
  useEffect(() => {
    const unsubscribe = catalog.subscribe(() => setSchema(catalog.completionSchema()));
    catalog.namespaces().then(
      (namespaces) => namespaces.slice(0, 20).forEach(({ name }) => catalog.objects(name).catch(() => {})),
      () => {},
    );
    return unsubscribe;
  }, [catalog]);
  return schema;
}

export function SqlWorkspace({ client, catalog, state, setState }: SqlWorkspaceProps) {
  const editorRef = useRef<SqlEditorHandle>(null);
  const [cursor, setCursor] = useState<CursorPosition>({ line: 1, column: 1 });
  const schema = useCompletionSchema(catalog);
  const stateRef = useRef(state);
  stateRef.current = state;

  const run = async () => {
    if (stateRef.current.running) return;
    const editor = editorRef.current;
    const selection = editor?.selection() ?? null;
    const text = selection && selection.text.trim() ? selection.text : stateRef.current.sql;
    const start: CursorPosition = selection && selection.text.trim() ? selection : { line: 1, column: 1 };
    if (!text.trim()) return;
    setState((previous) => ({ ...previous, running: true, error: null }));
    try {
      const result = await client.runSql(text, stateRef.current.limit);
      setState((previous) => ({ ...previous, running: false, result, error: null }));
    } catch (cause) {
      const error = shiftPosition(toQueryError(cause), start);
      setState((previous) => ({ ...previous, running: false, result: null, error }));
      if (error.line !== null) editorRef.current?.moveCursor(error.line, error.column ?? 1);
    }
  };

  const goTo = (line: number, column: number) => editorRef.current?.moveCursor(line, column);

  // Ctrl/Cmd+Enter also runs when the focus is outside the editor (the editor handles its own).
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
      if (event.target instanceof Element && event.target.closest('.cm-editor')) return;
      event.preventDefault();
      void runRef.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div className="workspace">
      <aside className="sidebar">
        <SchemaTree
          catalog={catalog}
          onPick={(namespace, name) => editorRef.current?.insert(qualifiedName(namespace, name))}
          pickTitle="Insert the name into the editor"
        />
      </aside>
      <section className="workspace-main">
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            data-testid="run-query"
            onClick={run}
            disabled={state.running}
            title="Run the query, or the selected text (Ctrl/Cmd+Enter)"
          >
            {state.running ? 'Running…' : 'Run'}
          </button>
          <label className="limit">
            Row limit
            <select
              value={state.limit}
              onChange={(event) => setState((previous) => ({ ...previous, limit: Number(event.target.value) }))}
              data-testid="row-limit"
            >
              {ROW_LIMITS.map((limit) => (
                <option key={limit} value={limit}>
                  {limit.toLocaleString('en-US')}
                </option>
              ))}
            </select>
          </label>
          <span className="hint">Ctrl/Cmd+Enter to run</span>
          <span className="spacer-flex" />
          <span className="cursor-position" data-testid="editor-cursor">
            Ln {cursor.line}, Col {cursor.column}
          </span>
        </div>
        <div className="editor-pane">
          <SqlEditor
            ref={editorRef}
            value={state.sql}
            onChange={(sql) => setState((previous) => ({ ...previous, sql }))}
            onRun={run}
            onCursor={setCursor}
            schema={schema}
          />
        </div>
        <div className="result-pane">
          {state.error && <ErrorPanel error={state.error} onGoTo={goTo} />}
          {!state.error && state.result && (
            <>
              <ResultStatus result={state.result} />
              {state.result.columns.length > 0 && (
                <ResultGrid key={state.result.queryId} columns={state.result.columns} rows={state.result.rows} />
              )}
            </>
          )}
          {!state.error && !state.result && (
            <div className="placeholder">{state.running ? 'Running…' : 'Run a query to see its result here.'}</div>
          )}
        </div>
      </section>
    </div>
  );
}
