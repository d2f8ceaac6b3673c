// Asset status and grouping for the asset graph, and the run timeline.
import type { Asset, Run } from '../api/orchestration';
import type { Tone } from '../connections/status';

export type AssetState = 'running' | 'stale' | 'fresh' | 'never';

/** Running wins; an asset never materialized is "never"; otherwise stale or fresh. */
export function assetState(asset: Asset): AssetState {
  if (asset.running) return 'running';
  if (!asset.lastMaterialization) return 'never';
  return asset.stale ? 'stale' : 'fresh';
}

export const STATE_TONE: Record<AssetState, Tone> = { running: 'busy', stale: 'warn', fresh: 'ok', never: 'idle' };

/** The key without its last segment: `raw.orders` → `raw`; a one-segment key has namespace "". */
export function namespaceOf(key: string): string {
  const dot = key.lastIndexOf('.');
  return dot < 0 ? '' : key.slice(0, dot);
}

export function stateCounts(assets: Asset[]): Record<AssetState, number> {
  const counts: Record<AssetState, number> = { running: 0, stale: 0, fresh: 0, never: 0 };
  for (const asset of assets) counts[assetState(asset)]++;
  return counts;
}

export interface AssetFilter {
  text: string;
  namespace: string;
  state: AssetState | '';
}

/** The assets that match the text (in the key), the namespace and the state. */
export function filterAssets(assets: Asset[], filter: AssetFilter): Asset[] {
  const text = filter.text.trim().toLowerCase();
  if (!text && !filter.namespace && !filter.state) return assets;
  const matches = (asset: Asset) =>
    (!text || asset.key.toLowerCase().includes(text)) &&
    (!filter.namespace || namespaceOf(asset.key) === filter.namespace) &&
    (!filter.state || assetState(asset) === filter.state);
  return assets.filter(matches);
}

export interface RunBar {
  run: Run;
  /** Fractions of the window [from, to]. */
  start: number;
  length: number;
}

/** Bars of runs on a shared time axis: from the earliest start to `now` for those still running. */
export function runBars(runs: Run[], now: number): { bars: RunBar[]; from: number; to: number } {
  const windows = runs.map((run) => {
    const start = Date.parse(run.startedAt ?? run.createdAt);
    const end = run.endedAt ? Date.parse(run.endedAt) : now;
    return { run, start, end: Math.max(start, end) };
  });
  const valid = windows.filter((entry) => !Number.isNaN(entry.start) && !Number.isNaN(entry.end));
  if (valid.length === 0) return { bars: [], from: now, to: now };
  const from = Math.min(...valid.map((entry) => entry.start));
  const to = Math.max(...valid.map((entry) => entry.end));
  const span = Math.max(1, to - from);
  return {
    bars: valid.map((entry) => ({ run: entry.run, start: (entry.start - from) / span, length: (entry.end - entry.start) / span })),
    from,
    to,
  };
}
