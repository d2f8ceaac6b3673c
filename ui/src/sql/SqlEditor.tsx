import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { basicSetup } from 'codemirror';
import { EditorView, keymap } from '@codemirror/view';
import { Compartment, EditorSelection, EditorState, Prec } from '@codemirror/state';
import { sql } from '@codemirror/lang-sql';
import { PlatformSQL } from './dialect';

/**
 * What the workspace (and browser tests) can do with the editor.
 *
 * Browser tests can type into the editor in two ways:
 *  - click `[data-testid="sql-editor"] .cm-content` and type with the keyboard, or
 *  - call the hook `window.dpEditor.setValue('SELECT 1')` (also `value()`, `cursor()`,
 *    `moveCursor(line, column)`, `focus()`), present while the SQL workspace is shown.
 */
export interface SqlEditorHandle {
  value(): string;
  setValue(text: string): void;
  /** Replaces the selection (or inserts at the cursor) and focuses the editor. */
  insert(text: string): void;
  /** Moves the cursor to a 1-based line and column, clamped to the document, and focuses. */
  moveCursor(line: number, column: number): void;
  cursor(): CursorPosition;
  /** The selected text and where it starts, or null when nothing is selected. */
  selection(): { text: string; line: number; column: number } | null;
  focus(): void;
}

export interface CursorPosition {
  line: number;
  column: number;
}

declare global {
  interface Window {
    dpEditor?: SqlEditorHandle;
  }
}

interface SqlEditorProps {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  onCursor?: (position: CursorPosition) => void;
  /** Names offered by completion: namespace → table → columns. */
  schema?: Record<string, Record<string, string[]>>;
  ref?: Ref<SqlEditorHandle>;
}

function sqlLanguage(schema: SqlEditorProps['schema']) {
  return sql({ dialect: PlatformSQL, upperCaseKeywords: true, schema });
}

function cursorOf(state: EditorState): CursorPosition {
  const head = state.selection.main.head;
  const line = state.doc.lineAt(head);
  return { line: line.number, column: head - line.from + 1 };
}

function positionOf(state: EditorState, line: number, column: number): number {
  const lineNumber = Math.min(Math.max(1, Math.floor(line)), state.doc.lines);
  const target = state.doc.line(lineNumber);
  const offset = Math.min(Math.max(0, Math.floor(column) - 1), target.length);
  return target.from + offset;
}

function createHandle(currentView: () => EditorView | null): SqlEditorHandle {
  const viewOrFail = () => {
    const view = currentView();
    if (!view) throw new Error('Cannot use the SQL editor: it is not mounted');
    return view;
  };
  // Each method looks the view up when called, so the handle may be created before the view.
  const withView =
    <A extends unknown[], R>(action: (view: EditorView, ...args: A) => R) =>
    (...args: A): R =>
      action(viewOrFail(), ...args);
  return {
    value: withView((view) => view.state.doc.toString()),
    setValue: withView((view, text: string) => {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        selection: EditorSelection.cursor(text.length),
      });
    }),
    insert: withView((view, text: string) => {
      view.dispatch(view.state.replaceSelection(text));
      view.focus();
    }),
    moveCursor: withView((view, line: number, column: number) => {
      const position = positionOf(view.state, line, column);
      view.dispatch({ selection: EditorSelection.cursor(position), scrollIntoView: true });
      view.focus();
    }),
    cursor: withView((view) => cursorOf(view.state)),
    selection: withView((view) => {
      const range = view.state.selection.main;
      if (range.empty) return null;
      const line = view.state.doc.lineAt(range.from);
      return {
        text: view.state.sliceDoc(range.from, range.to),
        line: line.number,
        column: range.from - line.from + 1,
      };
    }),
    focus: withView((view) => view.focus()),
  };
}

const editorTheme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', overflow: 'auto' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', borderRight: '1px solid var(--border)' },
});

/** CodeMirror 6 SQL editor; Ctrl/Cmd+Enter runs the query. */
export function SqlEditor({ value, onChange, onRun, onCursor, schema, ref }: SqlEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  // Callbacks change on every render; the editor extensions read them through this ref.
  const callbacks = useRef({ onChange, onRun, onCursor });
  callbacks.current = { onChange, onRun, onCursor };

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: value,
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: () => {
                  callbacks.current.onRun();
                  return true;
                },
              },
            ]),
          ),
          basicSetup,
          language.current.of(sqlLanguage(schema)),
          editorTheme,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
            if (update.selectionSet || update.docChanged) callbacks.current.onCursor?.(cursorOf(update.state));
          }),
        ],
      }),
    });
    viewRef.current = view;
    const handle = createHandle(() => view);
    window.dpEditor = handle;
    return () => {
      if (window.dpEditor === handle) delete window.dpEditor;
      view.destroy();
      viewRef.current = null;
    };
    // The editor is created once; later value changes are applied by the effect below.
  }, []);

  // Keeps the document in step when the parent replaces the text (e.g. loading from history).
  useEffect(() => {
    const view = viewRef.current;
    if (view && view.state.doc.toString() !== value) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: value },
        selection: EditorSelection.cursor(value.length),
      });
    }
  }, [value]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: language.current.reconfigure(sqlLanguage(schema)) });
  }, [schema]);

  useImperativeHandle(ref, () => createHandle(() => viewRef.current), []);

  return <div className="sql-editor" data-testid="sql-editor" ref={hostRef} />;
}
