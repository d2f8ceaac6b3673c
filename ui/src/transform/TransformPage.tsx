import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import { TransformApi, type Manifest, type TransformProject, type TransformRun } from '../api/transform';
import { navigate } from '../router';
import { PageError } from '../connections/common';
import { GraphView } from './GraphView';
import { layoutGraph } from './graphLayout';
import { dagOf, findNode, latestStatuses, nodeLabel, nodeStatusTone } from './manifest';
import { NodeDetail } from './NodeDetail';
import { RunHistory } from './RunHistory';

const PROJECT_KEY = 'dp.transform.project';

interface Loaded {
  manifest: Manifest;
  runs: TransformRun[];
}

/** A transformation project: its DAG, each node's docs and compiled SQL, runs and their timing. */
export function TransformPage({ client, node }: { client: ApiClient; node?: string }) {
  const api = useMemo(() => new TransformApi(client), [client]);
  const [projects, setProjects] = useState<TransformProject[]>([]);
  const [project, setProject] = useState(() => window.localStorage.getItem(PROJECT_KEY) ?? '');
  const [draft, setDraft] = useState(project);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [command, setCommand] = useState('build');
  const [consoleLines, setConsole] = useState<string[] | null>(null);
  const [running, setRunning] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    api.projects().then((found) => {
      setProjects(found);
      // the first project opens by itself unless the user already chose or typed one
      if (found.length > 0) {
        setProject((current) => current || found[0].path);
        setDraft((current) => current || found[0].path);
      }
    }, () => setProjects([]));
  }, [api]);

  useEffect(() => {
    if (!project) return;
    let current = true;
    window.localStorage.setItem(PROJECT_KEY, project);
    setError(null);
    Promise.all([api.manifest(project), api.runs(project).catch(() => [] as TransformRun[])]).then(
      ([manifest, runs]) => current && setLoaded({ manifest, runs }),
      (cause) => current && (setLoaded(null), setError(cause)),
    );
    return () => {
      current = false;
    };
  }, [api, project, generation]);

  const dag = useMemo(() => (loaded ? dagOf(loaded.manifest) : null), [loaded?.manifest]);
  const layout = useMemo(() => (dag ? layoutGraph(dag.nodes.map((n) => n.unique_id), dag.edges) : null), [dag]);
  const statuses = useMemo(() => latestStatuses(loaded?.runs ?? []), [loaded?.runs]);

  const run = async () => {
    setRunning(true);
    setError(null);
    setConsole([]);
    try {
      await api.run({ project, command }, (line) => setConsole((lines) => [...(lines ?? []), line]));
    } catch (cause) {
      setError(cause);
    } finally {
      setRunning(false);
      setGeneration((g) => g + 1);
    }
  };

  const select = (id: string) => navigate({ page: 'transform', node: id });

  return (
    <section className="data-page transform-page" data-testid="transform-page">
      <div className="toolbar">
        <h2>Transform</h2>
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); setProject(draft.trim()); setGeneration((g) => g + 1); }}>
          <input list="transform-projects" data-testid="transform-project" className="project-input" value={draft}
            placeholder="/path/to/dbt/project" onChange={(e) => setDraft(e.target.value)} aria-label="Project directory" />
          <datalist id="transform-projects">
            {projects.map((p) => <option key={p.path} value={p.path}>{p.name}</option>)}
          </datalist>
          <button type="submit" data-testid="transform-load">Open</button>
        </form>
        <span className="spacer-flex" />
        <select value={command} onChange={(e) => setCommand(e.target.value)} data-testid="transform-command" aria-label="Command">
          {['build', 'run', 'test', 'seed', 'compile'].map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        <button type="button" className="primary" data-testid="transform-run" disabled={!project || running} onClick={run}>
          {running ? 'Running…' : 'Run'}
        </button>
      </div>
      {error != null && <PageError error={error} testId="transform-error" onDismiss={() => setError(null)} />}
      {!project && <p className="muted">Enter the directory of a dbt project on the server.</p>}
      {consoleLines && (
        <pre className="log-view" data-testid="run-console" data-running={String(running)}>{consoleLines.join('\n')}</pre>
      )}
      {loaded && layout && (
        <div className="split">
          <div className="split-main">
            <p className="muted">
              {dag!.nodes.length} nodes · {dag!.edges.length} dependencies
            </p>
            <GraphView
              layout={layout}
              testId="transform-dag"
              nodeTestId="dag-node"
              selected={node ?? null}
              onSelect={select}
              label={(id) => { const found = findNode(loaded.manifest, id); return found ? nodeLabel(found) : id; }}
              nodeClass={(id) => `type-${findNode(loaded.manifest, id)?.resource_type ?? 'model'} tone-${nodeStatusTone(statuses.get(id))}`}
            />
            <h3>Runs</h3>
            <RunHistory runs={loaded.runs} onSelectNode={select} />
          </div>
          <aside className="split-side">
            {node ? (
              <NodeDetail manifest={loaded.manifest} runs={loaded.runs} id={node} statuses={statuses} />
            ) : (
              <p className="muted">Choose a node in the graph.</p>
            )}
          </aside>
        </div>
      )}
    </section>
  );
}
