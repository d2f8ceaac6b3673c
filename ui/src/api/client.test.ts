import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './client';
import { FakeServer, signIn } from '../test/fakeServer';

const SQL_RESULT = {
  queryId: 'q1',
  columns: [{ name: 'n', type: 'INTEGER' }],
  rows: [[1]],
  rowCount: 1,
  truncated: false,
  updateCount: null,
  elapsedMillis: 5,
};

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

describe('ApiClient', () => {
  it('stores the token from login and sends it as a bearer token on later calls', async () => {
    const server = new FakeServer().withLogin().on('POST', '/api/v1/sql', { status: 200, body: SQL_RESULT });
    const client = server.client();

    const session = await client.login('alice', 'secret');
    const result = await client.runSql('SELECT 1 AS n', 1000);

    expect(session).toEqual({ token: 'token-1', username: 'alice', expiresAt: '2030-01-01T00:00:00Z' });
    expect(JSON.parse(window.sessionStorage.getItem('dp.session')!).token).toBe('token-1');
    expect(server.requests[0].headers.authorization).toBeUndefined();
    expect(server.requests[0].body).toEqual({ username: 'alice', password: 'secret' });
    const sqlRequest = server.requestsTo('POST', '/api/v1/sql')[0];
    expect(sqlRequest.headers.authorization).toBe('Bearer token-1');
    expect(sqlRequest.headers['content-type']).toBe('application/json');
    expect(sqlRequest.body).toEqual({ sql: 'SELECT 1 AS n', limit: 1000 });
    expect(result.rows).toEqual([[1]]);
  });

  it('clears the session and reports a 401 answer to a call', async () => {
    signIn();
    const server = new FakeServer().on('GET', '/api/v1/queries?limit=100', {
      status: 401,
      body: { error: { code: 'NOT_AUTHENTICATED', message: 'Session expired' } },
    });
    let unauthorized = 0;
    const client = server.client(() => unauthorized++);

    const error = await rejection(client.queries());

    expect(error.status).toBe(401);
    expect(error.code).toBe('NOT_AUTHENTICATED');
    expect(error.message).toBe('Session expired');
    expect(unauthorized).toBe(1);
    expect(client.session()).toBeNull();
    expect(window.sessionStorage.getItem('dp.session')).toBeNull();
  });

  it('reports a failed login as an error without treating it as an ended session', async () => {
    let unauthorized = 0;
    const client = new FakeServer().withLogin().client(() => unauthorized++);

    const error = await rejection(client.login('alice', 'wrong'));

    expect(error.message).toBe('Invalid username or password');
    expect(error.code).toBe('NOT_AUTHENTICATED');
    expect(unauthorized).toBe(0);
    expect(client.session()).toBeNull();
  });

  it('parses a SQL error with its position', async () => {
    signIn();
    const client = new FakeServer()
      .on('POST', '/api/v1/sql', {
        status: 400,
        body: { error: { code: 'SQL_ERROR', message: 'Table "nope" does not exist', line: 1, column: 15 } },
      })
      .client();

    const error = await rejection(client.runSql('SELECT * FROM nope', 1000));

    expect(error).toMatchObject({ status: 400, code: 'SQL_ERROR', line: 1, column: 15 });
    expect(error.message).toBe('Table "nope" does not exist');
  });

  it('parses an error without a position', async () => {
    signIn();
    const client = new FakeServer()
      .on('POST', '/api/v1/sql', { status: 403, body: { error: { code: 'PERMISSION_DENIED', message: 'No access' } } })
      .client();

    const error = await rejection(client.runSql('SELECT 1', 10));

    expect(error).toMatchObject({ status: 403, code: 'PERMISSION_DENIED', line: null, column: null });
    expect(error.message).toBe('No access');
  });

  it('describes an answer that is not an error body by its status', async () => {
    signIn();
    const client = new FakeServer().on('GET', '/api/v1/catalog/namespaces', { status: 502, text: '<html>bad gateway</html>' }).client();

    const error = await rejection(client.namespaces());

    expect(error.code).toBe('HTTP_ERROR');
    expect(error.message).toBe('Request failed: HTTP 502');
  });

  it('reports a server that cannot be reached', async () => {
    const failing = new ApiClient({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });

    const error = await rejection(failing.health());

    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toBe('Cannot reach the server: Failed to fetch');
  });

  it('encodes namespace and object names in catalog paths', async () => {
    signIn();
    const server = new FakeServer().on('GET', '/api/v1/catalog/namespaces/sales%20eu/objects/order%2Fitems', {
      status: 200,
      body: { namespace: 'sales eu', name: 'order/items', kind: 'TABLE', columns: [] },
    });

    const detail = await server.client().object('sales eu', 'order/items');

    expect(detail.name).toBe('order/items');
  });

  it('drops a stored session that has expired', () => {
    window.sessionStorage.setItem(
      'dp.session',
      JSON.stringify({ token: 'old', username: 'alice', expiresAt: '2020-01-01T00:00:00Z' }),
    );
    const client = new FakeServer().client();

    expect(client.session()).toBeNull();
    expect(client.token()).toBeNull();
    expect(window.sessionStorage.getItem('dp.session')).toBeNull();
  });

  it('forgets the session on logout even when the server call fails', async () => {
    signIn();
    const server = new FakeServer().on('POST', '/api/v1/auth/logout', { status: 500, text: 'boom' });
    const client = server.client();

    await client.logout();

    expect(server.requests[0].headers.authorization).toBe('Bearer token-1');
    expect(client.session()).toBeNull();
  });
});
