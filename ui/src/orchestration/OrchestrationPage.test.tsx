import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../App';
import { FakeServer, signIn } from '../test/fakeServer';

const RUN = {
  id: 7, job: 'shop_daily', status: 'RUNNING', attempt: 1, maxAttempts: 3, trigger: 'manual', triggerDetail: 'by alice',
  partitionFrom: null, partitionTo: null, createdAt: '2026-01-01T00:00:00Z', startedAt: '2026-01-01T00:00:01Z', endedAt: null,
  cancelRequested: false, error: null,
};

function setUp() {
  signIn();
  let enabled = true;
  const server = new FakeServer()
    .withLogin()
    .on('GET', '/api/v1/assets', {
      status: 200,
      body: {
        assets: [
          { key: 'raw.orders', kind: 'table', dependencies: [], description: 'Orders', job: 'shop_daily', lastMaterialization: '2026-01-01T00:00:00Z', lastRunId: 6, stale: false, running: false },
          { key: 'marts.fct_orders', kind: 'table', dependencies: ['raw.orders'], description: '', job: 'shop_daily', lastMaterialization: null, lastRunId: null, stale: true, running: true },
        ],
      },
    })
    .on('GET', '/api/v1/runs?limit=100', { status: 200, body: { runs: [RUN] } })
    .on('GET', '/api/v1/jobs', { status: 200, body: { jobs: [{ name: 'shop_daily', description: 'sync then build', steps: [{ name: 'sync', kind: 'sync' }], schedule: { cron: '* * * * *', timezone: 'UTC', enabled: true, nextTick: null }, partitions: null, maxAttempts: 3, sensors: [], assets: [] }] } })
    .on('GET', '/api/v1/schedules', () => ({ status: 200, body: { schedules: [{ job: 'shop_daily', cron: '* * * * *', timezone: 'UTC', enabled, nextTick: '2026-01-01T00:01:00Z' }] } }))
    .on('GET', '/api/v1/sensors', { status: 200, body: { sensors: [{ name: 'new_files', job: 'shop_daily', enabled: false, kind: 'new_object', description: 'new object in landing/' }] } })
    .on('POST', '/api/v1/schedules/shop_daily/disable', () => {
      enabled = false;
      return { status: 200, body: { job: 'shop_daily', enabled: false } };
    })
    .on('POST', '/api/v1/jobs/shop_daily/runs', { status: 201, body: RUN })
    .on('GET', '/api/v1/runs/7', { status: 200, body: { ...RUN, steps: [{ index: 0, name: 'sync', status: 'RUNNING', attempts: 1, startedAt: null, endedAt: null, error: null }] } })
    .on('GET', '/api/v1/runs/7/events?after=0', { status: 200, body: { events: [{ id: 1, runId: 7, time: '2026-01-01T00:00:01Z', kind: 'RUN_STARTED', step: null, message: 'started' }] } })
    .on('GET', '/api/v1/runs/7/events/stream?after=1', {
      status: 200,
      headers: { 'Content-Type': 'text/event-stream' },
      text: 'event: event\nid: 2\ndata: {"id":2,"runId":7,"time":"2026-01-01T00:00:02Z","kind":"STEP_LOG","step":"sync","message":"copied 10 rows"}\n\n' +
        `event: end\ndata: ${JSON.stringify({ ...RUN, status: 'SUCCEEDED' })}\n\n`,
    });
  return server;
}

describe('orchestration page', () => {
  it('draws the asset graph with each asset state and shows an asset', async () => {
    const server = setUp();
    window.location.hash = '#/orchestration/assets';
    render(<App client={server.client()} />);
    const graph = await screen.findByTestId('asset-graph');
    const nodes = within(graph).getAllByTestId('asset-node');
    expect(nodes.map((n) => [n.getAttribute('data-id'), n.getAttribute('class')])).toEqual([
      ['raw.orders', 'graph-node tone-ok state-fresh'],
      ['marts.fct_orders', 'graph-node tone-busy state-running'],
    ]);
    fireEvent.click(nodes[0]);
    expect((await screen.findByTestId('asset-detail')).getAttribute('data-key')).toBe('raw.orders');
    expect(screen.getByTestId('asset-status').textContent).toBe('fresh');
    fireEvent.change(screen.getByTestId('asset-filter'), { target: { value: 'fct' } });
    expect(screen.getByTestId('asset-count').textContent).toBe('1 of 2 assets');
  });

  it('turns a schedule off', async () => {
    const server = setUp();
    window.location.hash = '#/orchestration/schedules';
    render(<App client={server.client()} />);
    const row = await screen.findByTestId('schedule-row');
    expect(row.getAttribute('data-enabled')).toBe('true');
    expect(screen.getByTestId('sensor-row').getAttribute('data-enabled')).toBe('false');
    fireEvent.click(within(row).getByTestId('schedule-toggle'));
    await waitFor(() => expect(screen.getByTestId('schedule-row').getAttribute('data-enabled')).toBe('false'));
    expect(server.requestsTo('POST', '/api/v1/schedules/shop_daily/disable')).toHaveLength(1);
  });

  it('launches a job and follows its log live with the session token', async () => {
    const server = setUp();
    window.location.hash = '#/orchestration/jobs';
    render(<App client={server.client()} />);
    fireEvent.click(await screen.findByTestId('job-launch'));
    const detail = await screen.findByTestId('run-detail');
    expect(window.location.hash).toBe('#/orchestration/runs/7');
    expect(detail.getAttribute('data-run-id')).toBe('7');
    await waitFor(() => expect(screen.getByTestId('run-log').textContent).toContain('copied 10 rows'));
    expect(screen.getByTestId('run-log').textContent).toContain('RUN_STARTED');
    const stream = server.requestsTo('GET', '/api/v1/runs/7/events/stream?after=1')[0];
    expect(stream.headers.authorization).toBe('Bearer token-1');
    expect(stream.headers.accept).toBe('text/event-stream');
  });
});
