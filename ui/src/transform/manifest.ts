// What the transform page shows from a manifest and the run history.
import type { Manifest, ManifestNode, NodeRunResult, TransformRun } from '../api/transform';
import type { GraphEdge } from './graphLayout';
import type { Tone } from '../connections/status';

const GRAPH_TYPES = new Set(['model', 'seed', 'snapshot', 'source']);

export interface Dag {
  nodes: ManifestNode[];
  edges: GraphEdge[];
}

/** Models, seeds, snapshots and sources with their dependencies; tests are not graph nodes. */
export function dagOf(manifest: Manifest): Dag {
  const nodes = [...Object.values(manifest.sources), ...Object.values(manifest.nodes)].filter((node) =>
    GRAPH_TYPES.has(node.resource_type),
  );
  const ids = new Set(nodes.map((node) => node.unique_id));
  const edges: GraphEdge[] = [];
  for (const node of nodes) {
    for (const parent of node.depends_on?.nodes ?? []) {
      if (ids.has(parent)) edges.push({ from: parent, to: node.unique_id });
    }
  }
  return { nodes, edges };
}

export function findNode(manifest: Manifest, id: string): ManifestNode | undefined {
  return manifest.nodes[id] ?? manifest.sources[id];
}

/** The tests that check a node. */
export function testsOf(manifest: Manifest, id: string): ManifestNode[] {
  return Object.values(manifest.nodes).filter(
    (node) => node.resource_type === 'test' && (node.attached_node === id || (node.depends_on?.nodes ?? []).includes(id)),
  );
}

/** Label of a node in the graph: sources as `source.table`, others by name. */
export function nodeLabel(node: ManifestNode): string {
  return node.resource_type === 'source' && node.source_name ? `${node.source_name}.${node.name}` : node.name;
}

/** The compiled SQL of a node: from the manifest, else from the newest run that compiled it. */
export function compiledSql(manifest: Manifest, runs: TransformRun[], id: string): string | null {
  const fromManifest = findNode(manifest, id)?.compiled_code;
  if (fromManifest) return fromManifest;
  for (const run of runs) {
    const result = run.results.find((entry) => entry.unique_id === id && entry.compiled_code);
    if (result?.compiled_code) return result.compiled_code;
  }
  return null;
}

/** Badge colour of a dbt node status (success, error, fail, warn, pass, skipped, ...). */
export function nodeStatusTone(status: string | null | undefined): Tone {
  switch (status) {
    case 'success':
    case 'pass':
      return 'ok';
    case 'error':
    case 'fail':
    case 'runtime error':
      return 'bad';
    case 'warn':
      return 'warn';
    case 'running':
      return 'busy';
    default:
      return 'idle';
  }
}

/** Each node's latest status over the runs (newest first). */
export function latestStatuses(runs: TransformRun[]): Map<string, string> {
  const statuses = new Map<string, string>();
  for (const run of runs) {
    for (const result of run.results) {
      if (!statuses.has(result.unique_id)) statuses.set(result.unique_id, result.status);
    }
  }
  return statuses;
}

export interface TimelineBar {
  id: string;
  status: string;
  /** Offset from the run's first node start and duration, as fractions of the whole run. */
  start: number;
  length: number;
  seconds: number;
}

function executeWindow(result: NodeRunResult): [number, number] | null {
  const timing = result.timing?.find((entry) => entry.name === 'execute') ?? result.timing?.[0];
  if (!timing) return null;
  const start = Date.parse(timing.started_at);
  const end = Date.parse(timing.completed_at);
  return Number.isNaN(start) || Number.isNaN(end) ? null : [start, Math.max(start, end)];
}

/** Gantt bars of a run's nodes, in start order; nodes without timing are laid end to end. */
export function runTimeline(run: TransformRun): TimelineBar[] {
  const windows = run.results.map((result) => ({ result, window: executeWindow(result) }));
  const timed = windows.filter((entry) => entry.window);
  if (timed.length === 0) {
    const total = run.results.reduce((sum, result) => sum + result.execution_time, 0) || 1;
    let offset = 0;
    return run.results.map((result) => {
      const bar = { id: result.unique_id, status: result.status, start: offset / total, length: result.execution_time / total, seconds: result.execution_time };
      offset += result.execution_time;
      return bar;
    });
  }
  const first = Math.min(...timed.map((entry) => entry.window![0]));
  const last = Math.max(...timed.map((entry) => entry.window![1]));
  const span = Math.max(1, last - first);
  return timed
    .map(({ result, window }) => ({
      id: result.unique_id,
      status: result.status,
      start: (window![0] - first) / span,
      length: (window![1] - window![0]) / span,
      seconds: result.execution_time,
    }))
    .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}
