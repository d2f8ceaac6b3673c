import { describe, expect, it } from 'vitest';
import type { Asset, Run } from '../api/orchestration';
import { assetState, filterAssets, namespaceOf, runBars, stateCounts } from './assets';

const asset = (key: string, change: Partial<Asset> = {}): Asset => ({
  key, kind: 'table', dependencies: [], description: '', job: null,
  lastMaterialization: '2026-01-01T00:00:00Z', lastRunId: 1, stale: false, running: false, ...change,
});

describe('asset status', () => {
  it('shows running first, then never materialized, stale or fresh', () => {
    expect(assetState(asset('a', { running: true, stale: true }))).toBe('running');
    expect(assetState(asset('a', { lastMaterialization: null, stale: true }))).toBe('never');
    expect(assetState(asset('a', { stale: true }))).toBe('stale');
    expect(assetState(asset('a'))).toBe('fresh');
    expect(stateCounts([asset('a'), asset('b', { stale: true }), asset('c')])).toEqual({ running: 0, stale: 1, fresh: 2, never: 0 });
  });

  it('groups by the key without its last segment and filters by text, namespace and state', () => {
    expect([namespaceOf('raw.orders'), namespaceOf('marts.sales.daily'), namespaceOf('solo')]).toEqual(['raw', 'marts.sales', '']);
    const assets = [asset('raw.orders'), asset('raw.customers', { stale: true }), asset('marts.orders')];
    expect(filterAssets(assets, { text: 'ORDERS', namespace: '', state: '' }).map((a) => a.key)).toEqual(['raw.orders', 'marts.orders']);
    expect(filterAssets(assets, { text: '', namespace: 'raw', state: 'stale' }).map((a) => a.key)).toEqual(['raw.customers']);
    expect(filterAssets(assets, { text: '', namespace: '', state: '' })).toBe(assets);
  });
});

describe('run timeline', () => {
  const run = (id: number, startedAt: string | null, endedAt: string | null): Run => ({
    id, job: 'j', status: endedAt ? 'SUCCEEDED' : 'RUNNING', attempt: 1, maxAttempts: 1, trigger: 'manual', triggerDetail: '',
    partitionFrom: null, partitionTo: null, createdAt: '2026-01-01T00:00:00Z', startedAt, endedAt, cancelRequested: false, error: null,
  });

  it('puts runs on one axis, running ones up to now, queued ones at their creation', () => {
    const now = Date.parse('2026-01-01T00:00:40Z');
    const { bars } = runBars([
      run(1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:10Z'),
      run(2, '2026-01-01T00:00:20Z', null),
    ], now);
    expect(bars.map((b) => [b.run.id, b.start, b.length])).toEqual([[1, 0, 0.25], [2, 0.5, 0.5]]);
    expect(runBars([], now).bars).toEqual([]);
  });
});
