import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../App';
import { FakeServer, signIn } from '../test/fakeServer';

const PROJECT = '/srv/shop';
const MANIFEST = {
  nodes: {
    'model.shop.stg_orders': {
      unique_id: 'model.shop.stg_orders', name: 'stg_orders', resource_type: 'model', description: 'Orders, cleaned',
      columns: { id: { name: 'id', description: 'The order', data_type: 'bigint' } },
      depends_on: { nodes: ['source.shop.raw.orders'] }, config: { materialized: 'view' }, raw_code: "select * from {{ source('raw', 'orders') }}",
    },
  },
  sources: { 'source.shop.raw.orders': { unique_id: 'source.shop.raw.orders', name: 'orders', resource_type: 'source', source_name: 'raw' } },
};
const RUNS = {
  runs: [{
    id: 'r1', command: 'build', startedAt: '2026-01-01T00:00:00Z', elapsedSeconds: 1.5, success: true,
    results: [{ unique_id: 'model.shop.stg_orders', status: 'success', execution_time: 0.4, compiled_code: 'select * from raw.orders' }],
  }],
};

describe('transform page', () => {
  it('shows the DAG, a model with docs, columns and compiled SQL, and the run history', async () => {
    signIn();
    const server = new FakeServer()
      .withLogin()
      .on('GET', '/api/v1/transform/projects', { status: 200, body: { projects: [{ name: 'shop', path: PROJECT }] } })
      .on('GET', `/api/v1/transform/manifest?project=${encodeURIComponent(PROJECT)}`, { status: 200, body: MANIFEST })
      .on('GET', `/api/v1/transform/runs?project=${encodeURIComponent(PROJECT)}&limit=20`, { status: 200, body: RUNS })
      .on('POST', '/api/v1/transform/runs', {
        status: 200,
        text: '{"line":"1 of 1 OK created view stg_orders"}\n{"result":{"command":"build","success":true,"nodes":[]}}\n',
      });
    window.location.hash = '#/transform';
    render(<App client={server.client()} />);

    const dag = await screen.findByTestId('transform-dag');
    const nodes = within(dag).getAllByTestId('dag-node');
    expect(nodes.map((n) => n.getAttribute('data-id'))).toEqual(['source.shop.raw.orders', 'model.shop.stg_orders']);
    expect(nodes[1].getAttribute('class')).toBe('graph-node type-model tone-ok');
    fireEvent.click(nodes[1]);
    const detail = await screen.findByTestId('node-detail');
    expect(detail.getAttribute('data-id')).toBe('model.shop.stg_orders');
    expect(screen.getByTestId('node-description').textContent).toBe('Orders, cleaned');
    expect(screen.getAllByTestId('node-column').map((c) => c.textContent)).toEqual(['idbigintThe order']);
    expect(screen.getByTestId('compiled-sql').textContent).toBe('select * from raw.orders');
    expect(screen.getAllByTestId('run-node').map((n) => [n.getAttribute('data-id'), n.getAttribute('data-status')])).toEqual([
      ['model.shop.stg_orders', 'success'],
    ]);

    fireEvent.click(screen.getByTestId('transform-run'));
    await waitFor(() => expect(screen.getByTestId('run-console').getAttribute('data-running')).toBe('false'));
    expect(screen.getByTestId('run-console').textContent).toBe('1 of 1 OK created view stg_orders');
    expect(server.requestsTo('POST', '/api/v1/transform/runs')[0].body).toEqual({ project: PROJECT, command: 'build' });
  });
});
