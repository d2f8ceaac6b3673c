import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../App';
import { FakeServer, signIn } from '../test/fakeServer';
import type { Connection, SyncDetail } from '../api/connections';

const SPEC = {
  type: 'object',
  required: ['host', 'database'],
  properties: {
    host: { type: 'string', title: 'Host' },
    port: { type: 'integer', title: 'Port', default: 5432 },
    database: { type: 'string', title: 'Database' },
    password: { type: 'string', title: 'Password', secret: true },
  },
};

function goTo(hash: string) {
  act(() => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

function sync(status: SyncDetail['status'], records: number): SyncDetail {
  return {
    syncId: 's1', connection: 'shop', status, startedAt: '2026-01-01T00:00:00Z', endedAt: status === 'RUNNING' ? null : '2026-01-01T00:00:05Z',
    durationMillis: 5000, recordsCommitted: records, error: null,
    streams: [{ stream: 'public.orders', table: 'orders', status, recordsRead: records, recordsCommitted: records, bytesCommitted: 2048, commits: 1, error: null }],
    log: [`committed ${records} rows`],
  };
}

describe('connections page', () => {
  it('creates a connection from the connector spec: check, discover, choose streams, save', async () => {
    signIn();
    const saved: Connection[] = [];
    const server = new FakeServer()
      .withLogin()
      .on('GET', '/api/v1/connectors', { status: 200, body: { connectors: [{ type: 'postgres', title: 'PostgreSQL', documentation: 'Reads PostgreSQL', spec: SPEC }] } })
      .on('POST', '/api/v1/connectors/postgres/check', (request) => ({
        status: 200,
        body: { success: (request.body as { password?: string }).password === 'pw', message: 'connected' },
      }))
      .on('POST', '/api/v1/connectors/postgres/discover', {
        status: 200,
        body: { streams: [{ name: 'public.orders', columns: [{ name: 'id', type: 'long', sourceType: 'int8', nullable: false }], primaryKey: ['id'], cursorCandidates: ['updated_at'], defaultCursor: 'updated_at', syncModes: ['full_refresh_overwrite', 'incremental_dedup'] }] },
      })
      .on('POST', '/api/v1/connections', (request) => {
        saved.push(request.body as Connection);
        return { status: 201, body: { ...(request.body as object), applied: 'created' } };
      })
      .on('GET', '/api/v1/connections/shop', { status: 200, body: { name: 'shop', source: { type: 'postgres', host: 'db', password: '********' }, destination: { namespace: 'raw' }, streams: [], runningSync: null } })
      .on('GET', '/api/v1/connections/shop/syncs?limit=50', { status: 200, body: { syncs: [] } });
    window.location.hash = '#/connections/new';
    render(<App client={server.client()} />);

    const password = (await screen.findByTestId('spec-field-password')) as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.value).toBe('');
    expect((screen.getByTestId('spec-field-port') as HTMLInputElement).value).toBe('5432');

    fireEvent.click(screen.getByTestId('connection-check'));
    expect((await screen.findAllByTestId('field-error')).map((e) => e.textContent)).toEqual(['Host is required', 'Database is required']);
    expect(server.requestsTo('POST', '/api/v1/connectors/postgres/check')).toHaveLength(0);

    fireEvent.change(screen.getByTestId('spec-field-host'), { target: { value: 'db' } });
    fireEvent.change(screen.getByTestId('spec-field-database'), { target: { value: 'shop' } });
    fireEvent.change(password, { target: { value: 'pw' } });
    fireEvent.click(screen.getByTestId('connection-check'));
    await waitFor(() => expect(screen.getByTestId('check-result').getAttribute('data-success')).toBe('true'));
    expect(server.requestsTo('POST', '/api/v1/connectors/postgres/check')[0].body).toEqual({ host: 'db', port: 5432, database: 'shop', password: 'pw' });

    fireEvent.click(screen.getByTestId('connection-discover'));
    const row = await screen.findByTestId('stream-row');
    expect((within(row).getByTestId('stream-mode') as HTMLSelectElement).value).toBe('incremental_dedup');
    fireEvent.change(screen.getByTestId('connection-name'), { target: { value: 'shop' } });
    fireEvent.click(screen.getByTestId('connection-save'));
    expect((await screen.findByTestId('stream-error')).textContent).toBe('Choose at least one stream');

    fireEvent.click(within(row).getByTestId('stream-select'));
    fireEvent.click(screen.getByTestId('connection-save'));
    await screen.findByTestId('connection-detail');
    expect(window.location.hash).toBe('#/connections/shop');
    expect(saved).toEqual([{
      name: 'shop',
      source: { type: 'postgres', host: 'db', port: 5432, database: 'shop', password: 'pw' },
      destination: { namespace: 'raw' },
      streams: [{ name: 'public.orders', mode: 'incremental_dedup', cursor: 'updated_at', primary_key: ['id'] }],
    }]);
  });

  it('resets every stream or one stream after asking', async () => {
    signIn();
    const bodies: unknown[] = [];
    const server = new FakeServer()
      .withLogin()
      .on('GET', '/api/v1/connections/shop', { status: 200, body: { name: 'shop', source: { type: 'postgres' }, destination: { namespace: 'raw' }, streams: [{ name: 'public.orders', mode: 'incremental_append', cursor: 'id' }], runningSync: null } })
      .on('GET', '/api/v1/connections/shop/syncs?limit=50', { status: 200, body: { syncs: [] } })
      .on('POST', '/api/v1/connections/shop/syncs', (request) => {
        bodies.push(request.body);
        return { status: 202, body: sync('SUCCEEDED', 3) };
      });
    window.location.hash = '#/connections/shop';
    render(<App client={server.client()} />);

    fireEvent.click(await screen.findByTestId('sync-reset'));
    expect(screen.getByRole('group').getAttribute('aria-label')).toContain('replace its tables\' rows');
    fireEvent.click(screen.getByTestId('confirm-yes'));
    await waitFor(() => expect(bodies).toEqual([{ reset: true }]));
    fireEvent.click(await screen.findByTestId('stream-reset'));
    fireEvent.click(screen.getByTestId('confirm-yes'));
    await waitFor(() => expect(bodies).toEqual([{ reset: true }, { reset: ['public.orders'] }]));
    fireEvent.click(screen.getByTestId('sync-start'));
    await waitFor(() => expect(bodies).toHaveLength(3));
    expect(bodies[2]).toBeUndefined();
  });

  it('lists connections with their last sync, runs a sync and follows it to the end', async () => {
    signIn();
    let polls = 0;
    const server = new FakeServer()
      .withLogin()
      .on('GET', '/api/v1/connections', { status: 200, body: { connections: [{ name: 'shop', source: { type: 'postgres' }, destination: { namespace: 'raw' }, streams: [{ name: 'public.orders', mode: 'cdc' }], runningSync: null }] } })
      .on('GET', '/api/v1/connections/shop/syncs?limit=1', { status: 200, body: { syncs: [{ syncId: 's0', connection: 'shop', status: 'FAILED', startedAt: '2026-01-01T00:00:00Z', endedAt: null, recordsCommitted: 0, bytesCommitted: 0, error: 'boom' }] } })
      .on('GET', '/api/v1/connections/shop', { status: 200, body: { name: 'shop', source: { type: 'postgres' }, destination: { namespace: 'raw' }, streams: [{ name: 'public.orders', mode: 'cdc' }], runningSync: null, sourceStatus: { slot_name: 'dp_shop', publication: 'dp_shop_pub', slot_exists: true, slot_active: false, confirmed_flush_lsn: '0/1A2B3C', lag_bytes: 3 * 1024 * 1024 } } })
      .on('GET', '/api/v1/connections/shop/syncs?limit=50', () => ({ status: 200, body: { syncs: polls > 1 ? [{ ...sync('SUCCEEDED', 10), bytesCommitted: 2048 }] : [] } }))
      .on('POST', '/api/v1/connections/shop/syncs', { status: 202, body: sync('RUNNING', 0) })
      .on('GET', '/api/v1/syncs/s1', () => {
        polls++;
        return { status: 200, body: polls > 1 ? sync('SUCCEEDED', 10) : sync('RUNNING', 4) };
      });
    window.location.hash = '#/connections';
    render(<App client={server.client()} />);

    const row = await screen.findByTestId('connection-row');
    await waitFor(() => expect(within(row).getByTestId('connection-status').getAttribute('data-status')).toBe('FAILED'));
    fireEvent.click(within(row).getByTestId('connection-link'));
    goTo('#/connections/shop');
    expect((await screen.findByTestId('source-status')).textContent).toContain('dp_shop');
    expect(screen.getByTestId('slot-lag').textContent).toBe('3.0 MB');
    fireEvent.click(await screen.findByTestId('sync-start'));
    expect((await screen.findByTestId('sync-progress')).getAttribute('data-status')).toBe('RUNNING');
    await waitFor(() => expect(screen.getByTestId('sync-progress').getAttribute('data-status')).toBe('SUCCEEDED'), { timeout: 4000 });
    expect(screen.getByTestId('sync-log').textContent).toBe('committed 10 rows');
    await waitFor(() => expect(screen.getAllByTestId('sync-row').map((r) => r.getAttribute('data-status'))).toEqual(['SUCCEEDED']));
  });
});
