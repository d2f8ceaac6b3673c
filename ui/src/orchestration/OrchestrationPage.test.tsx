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

  it('backfills a range of partitions of a partitioned job', async () => {
    const server = setUp()
      .on('GET', '/api/v1/jobs', { status: 200, body: { jobs: [{ name: 'daily', description: '', steps: [{ name: 'load', kind: 'sql' }], schedule: null, partitions: 'daily from 2026-01-01', maxAttempts: 1, sensors: [], assets: [] }] } })
      .on('POST', '/api/v1/jobs/daily/backfills', { status: 201, body: { id: 3, job: 'daily', partitions: 31, runs: 4 } });
    window.location.hash = '#/orchestration/jobs';
    render(<App client={server.client()} />);
    const form = await screen.findByTestId('backfill-form');
    fireEvent.change(within(form).getByTestId('backfill-from'), { target: { value: '2026-01-01' } });
    fireEvent.change(within(form).getByTestId('backfill-to'), { target: { value: '2026-01-31' } });
    fireEvent.click(within(form).getByTestId('backfill-submit'));
    expect((await screen.findByTestId('backfill-result')).textContent).toBe('backfill #3: 31 partitions in 4 runs');
    expect(server.requestsTo('POST', '/api/v1/jobs/daily/backfills').map((r) => r.body)).toEqual([{ from: '2026-01-01', to: '2026-01-31' }]);
  });

  it('shows why a backfill was refused', async () => {
    const server = setUp()
      .on('GET', '/api/v1/jobs', { status: 200, body: { jobs: [{ name: 'daily', description: '', steps: [], schedule: null, partitions: 'daily from 2026-01-01', maxAttempts: 1, sensors: [], assets: [] }] } })
      .on('POST', '/api/v1/jobs/daily/backfills', { status: 400, body: { error: { code: 'INVALID_ARGUMENT', message: 'Cannot plan partition range: the start is after the end (2026-02-01, 2026-01-01)' } } });
    window.location.hash = '#/orchestration/jobs';
    render(<App client={server.client()} />);
    const form = await screen.findByTestId('backfill-form');
    fireEvent.change(within(form).getByTestId('backfill-from'), { target: { value: '2026-02-01' } });
    fireEvent.change(within(form).getByTestId('backfill-to'), { target: { value: '2026-01-01' } });
    fireEvent.click(within(form).getByTestId('backfill-submit'));
    expect((await screen.findByTestId('backfill-error')).textContent).toContain('Cannot plan partition range: the start is after the end (2026-02-01, 2026-01-01)');
    expect(screen.queryByTestId('backfill-result')).toBeNull();
  });

  it('re-executes a failed run from its failed step and opens the new run', async () => {
    const failed = { ...RUN, id: 8, status: 'FAILED', error: 'check: Cannot run SQL: table not found' };
    const next = { ...RUN, id: 9, status: 'QUEUED', trigger: 'reexecution', triggerDetail: 're-execution of run 8 from step check' };
    const server = setUp()
      .on('GET', '/api/v1/runs?limit=100', { status: 200, body: { runs: [failed] } })
      .on('GET', '/api/v1/runs/8', { status: 200, body: { ...failed, steps: [
        { index: 1, name: 'check', status: 'FAILED', attempts: 1, startedAt: null, endedAt: null, error: 'table not found' },
        { index: 0, name: 'prepare', status: 'SUCCEEDED', attempts: 1, startedAt: null, endedAt: null, error: null },
      ] } })
      .on('GET', '/api/v1/runs/8/events?after=0', { status: 200, body: { events: [] } })
      .on('POST', '/api/v1/runs/8/reexecute', { status: 201, body: next })
      .on('GET', '/api/v1/runs/9', { status: 200, body: { ...next, status: 'SUCCEEDED', steps: [] } })
      .on('GET', '/api/v1/runs/9/events?after=0', { status: 200, body: { events: [] } });
    window.location.hash = '#/orchestration/runs/8';
    render(<App client={server.client()} />);
    const button = await screen.findByTestId('run-reexecute');
    expect(button.textContent).toBe('Re-execute from check');
    fireEvent.click(button);
    await waitFor(() => expect(window.location.hash).toBe('#/orchestration/runs/9'));
    expect((await screen.findByTestId('run-detail')).getAttribute('data-run-id')).toBe('9');
    expect(server.requestsTo('POST', '/api/v1/runs/8/reexecute').map((r) => r.body)).toEqual([{}]);
  });
});
