import { describe, expect, it } from 'vitest';
import type { Manifest, TransformRun } from '../api/transform';
import { compiledSql, dagOf, latestStatuses, nodeLabel, nodeStatusTone, runTimeline, testsOf } from './manifest';

const MANIFEST: Manifest = {
  sources: {
    'source.shop.raw.orders': { unique_id: 'source.shop.raw.orders', name: 'orders', resource_type: 'source', source_name: 'raw' },
  },
  nodes: {
    'model.shop.stg_orders': {
      unique_id: 'model.shop.stg_orders', name: 'stg_orders', resource_type: 'model',
      depends_on: { nodes: ['source.shop.raw.orders'] },
    },
    'model.shop.fct_orders': {
      unique_id: 'model.shop.fct_orders', name: 'fct_orders', resource_type: 'model',
      depends_on: { nodes: ['model.shop.stg_orders', 'macro.shop.cents'] }, compiled_code: 'select 1',
    },
    'test.shop.not_null_fct_orders_id': {
      unique_id: 'test.shop.not_null_fct_orders_id', name: 'not_null_fct_orders_id', resource_type: 'test',
      depends_on: { nodes: ['model.shop.fct_orders'] }, attached_node: 'model.shop.fct_orders',
    },
  },
};

const run = (id: string, results: TransformRun['results']): TransformRun => ({
  id, command: 'build', startedAt: '2026-01-01T00:00:00Z', elapsedSeconds: 3, success: true, results,
});

describe('transform manifest', () => {
  it('builds the DAG of sources and models without tests or unknown parents', () => {
    const dag = dagOf(MANIFEST);
    expect(dag.nodes.map((n) => n.unique_id)).toEqual(['source.shop.raw.orders', 'model.shop.stg_orders', 'model.shop.fct_orders']);
    expect(dag.edges).toEqual([
      { from: 'source.shop.raw.orders', to: 'model.shop.stg_orders' },
      { from: 'model.shop.stg_orders', to: 'model.shop.fct_orders' },
    ]);
    expect(testsOf(MANIFEST, 'model.shop.fct_orders').map((t) => t.name)).toEqual(['not_null_fct_orders_id']);
    expect(nodeLabel(MANIFEST.sources['source.shop.raw.orders'])).toBe('raw.orders');
  });

  it('takes compiled SQL from the manifest, else from the newest run that compiled the node', () => {
    const runs = [
      run('2', [{ unique_id: 'model.shop.stg_orders', status: 'error', execution_time: 0.1, compiled_code: '' }]),
      run('1', [{ unique_id: 'model.shop.stg_orders', status: 'success', execution_time: 0.1, compiled_code: 'select * from raw.orders' }]),
    ];
    expect(compiledSql(MANIFEST, runs, 'model.shop.fct_orders')).toBe('select 1');
    expect(compiledSql(MANIFEST, runs, 'model.shop.stg_orders')).toBe('select * from raw.orders');
    expect(compiledSql(MANIFEST, [], 'model.shop.stg_orders')).toBeNull();
    expect(Object.fromEntries(latestStatuses(runs))).toEqual({ 'model.shop.stg_orders': 'error' });
  });

  it('maps dbt statuses to tones', () => {
    expect(['success', 'pass', 'error', 'fail', 'warn', 'skipped', undefined].map(nodeStatusTone)).toEqual([
      'ok', 'ok', 'bad', 'bad', 'warn', 'idle', 'idle',
    ]);
  });

  it('places nodes on the run timeline by their execute timing', () => {
    const timing = (start: string, end: string) => [{ name: 'execute', started_at: start, completed_at: end }];
    const bars = runTimeline(run('1', [
      { unique_id: 'b', status: 'success', execution_time: 2, timing: timing('2026-01-01T00:00:01Z', '2026-01-01T00:00:03Z') },
      { unique_id: 'a', status: 'error', execution_time: 1, timing: timing('2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z') },
    ]));
    expect(bars.map((b) => [b.id, b.start, b.length, b.status])).toEqual([
      ['a', 0, 1 / 3, 'error'],
      ['b', 1 / 3, 2 / 3, 'success'],
    ]);
  });

  it('lays untimed nodes end to end by execution time', () => {
    const bars = runTimeline(run('1', [
      { unique_id: 'a', status: 'success', execution_time: 1 },
      { unique_id: 'b', status: 'success', execution_time: 3 },
    ]));
    expect(bars.map((b) => [b.id, b.start, b.length])).toEqual([['a', 0, 0.25], ['b', 0.25, 0.75]]);
  });
});
