import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from './App';
import { FakeServer, signIn } from './test/fakeServer';

const ORDERS = {
  namespace: 'sales',
  name: 'orders',
  kind: 'TABLE',
  columns: [
    { id: 1, name: 'order_id', type: 'long', nullable: false, doc: 'Primary key' },
    { id: 2, name: 'order_date', type: 'date', nullable: true, doc: null },
  ],
  partitioning: ['month(order_date)'],
  snapshots: [
    {
      snapshotId: 7001,
      parentId: null,
      timestamp: '2026-01-02T10:00:00Z',
      operation: 'append',
      summary: { 'added-records': '100' },
    },
  ],
  viewSql: null,
  location: 's3://warehouse/sales/orders',
  properties: { 'format-version': '2' },
};

function catalogRoutes(server: FakeServer): FakeServer {
  return server
    .on('GET', '/api/v1/catalog/namespaces', { status: 200, body: { namespaces: [{ name: 'sales' }] } })
    .on('GET', '/api/v1/catalog/namespaces/sales/objects', {
      status: 200,
      body: { objects: [{ name: 'orders', kind: 'TABLE' }, { name: 'big_orders', kind: 'VIEW' }] },
    })
    .on('GET', '/api/v1/catalog/namespaces/sales/objects/orders', { status: 200, body: ORDERS });
}

function editor() {
  const handle = window.dpEditor;
  if (!handle) throw new Error('the SQL editor is not mounted');
  return handle;
}

describe('login flow', () => {
  it('signs in and shows the SQL workspace', async () => {
    const server = catalogRoutes(new FakeServer().withLogin());
    render(<App client={server.client()} />);

    fireEvent.change(screen.getByTestId('login-username'), { target: { value: 'alice' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByTestId('login-submit'));

    expect(await screen.findByTestId('run-query')).toBeTruthy();
    expect(screen.getByTestId('current-user').textContent).toBe('alice');
    expect(screen.getByTestId('sql-editor').querySelector('.cm-content')).toBeTruthy();
    expect(JSON.parse(window.sessionStorage.getItem('dp.session')!).token).toBe('token-1');
  });

  it('shows the server message when the password is wrong', async () => {
    render(<App client={new FakeServer().withLogin().client()} />);

    fireEvent.change(screen.getByTestId('login-username'), { target: { value: 'alice' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByTestId('login-submit'));

    expect((await screen.findByTestId('login-error')).textContent).toBe('Invalid username or password');
    expect(screen.queryByTestId('run-query')).toBeNull();
  });

  it('goes back to the login page when a call answers 401', async () => {
    signIn();
    window.location.hash = '#/history';
    const server = new FakeServer().withLogin().on('GET', '/api/v1/queries?limit=100', {
      status: 401,
      body: { error: { code: 'NOT_AUTHENTICATED', message: 'Session expired' } },
    });
    render(<App client={server.client()} />);

    expect(await screen.findByTestId('login-username')).toBeTruthy();
    expect(screen.getByText('Your session has ended. Sign in again.')).toBeTruthy();
    expect(window.sessionStorage.getItem('dp.session')).toBeNull();
  });

  it('signs out', async () => {
    signIn();
    const server = catalogRoutes(new FakeServer().withLogin());
    render(<App client={server.client()} />);

    fireEvent.click(screen.getByTestId('logout'));

    expect(await screen.findByTestId('login-username')).toBeTruthy();
    expect(server.requestsTo('POST', '/api/v1/auth/logout')[0].headers.authorization).toBe('Bearer token-1');
  });
});

describe('SQL workspace', () => {
  it('runs the editor text and shows the result grid and status', async () => {
    signIn();
    const server = catalogRoutes(new FakeServer().withLogin()).on('POST', '/api/v1/sql', {
      status: 200,
      body: {
        queryId: 'q1',
        columns: [{ name: 'answer', type: 'INTEGER' }],
        rows: [[42]],
        rowCount: 1,
        truncated: false,
        updateCount: null,
        elapsedMillis: 12,
      },
    });
    render(<App client={server.client()} />);

    act(() => editor().setValue('SELECT 42 AS answer'));
    fireEvent.click(screen.getByTestId('run-query'));

    expect((await screen.findByTestId('result-summary')).textContent).toBe('1 row · 12 ms');
    expect(within(screen.getByTestId('result-grid')).getByText('42')).toBeTruthy();
    expect(server.requestsTo('POST', '/api/v1/sql')[0].body).toEqual({ sql: 'SELECT 42 AS answer', limit: 1000 });
  });

  it('shows a SQL error and moves the editor cursor to its position', async () => {
    signIn();
    const server = catalogRoutes(new FakeServer().withLogin()).on('POST', '/api/v1/sql', {
      status: 400,
      body: { error: { code: 'SQL_ERROR', message: 'Referenced column "nme" not found', line: 2, column: 8 } },
    });
    render(<App client={server.client()} />);

    act(() => editor().setValue('SELECT id,\n       nme\nFROM sales.orders'));
    fireEvent.click(screen.getByTestId('run-query'));

    expect((await screen.findByTestId('error-position')).textContent).toBe('Line 2, column 8');
    expect(screen.getByTestId('error-message').textContent).toBe('Referenced column "nme" not found');
    expect(editor().cursor()).toEqual({ line: 2, column: 8 });
    expect(screen.getByTestId('editor-cursor').textContent).toBe('Ln 2, Col 8');
  });

  it('runs with Ctrl+Enter in the editor and elsewhere on the page', async () => {
    signIn();
    const server = catalogRoutes(new FakeServer().withLogin()).on('POST', '/api/v1/sql', {
      status: 200,
      body: { queryId: 'q', columns: [], rows: [], rowCount: 0, truncated: false, updateCount: 3, elapsedMillis: 1 },
    });
    render(<App client={server.client()} />);
    act(() => editor().setValue('DELETE FROM sales.orders WHERE amount < 0'));

    fireEvent.keyDown(screen.getByTestId('sql-editor').querySelector('.cm-content')!, { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('result-summary')).textContent).toBe('3 rows affected · 1 ms');
    fireEvent.keyDown(document.body, { key: 'Enter', ctrlKey: true });

    await waitFor(() => expect(server.requestsTo('POST', '/api/v1/sql')).toHaveLength(2));
    expect(server.requestsTo('POST', '/api/v1/sql')[1].body).toEqual({
      sql: 'DELETE FROM sales.orders WHERE amount < 0',
      limit: 1000,
    });
  });

  it('runs only the selected text and maps the error position back', async () => {
    signIn();
    const server = catalogRoutes(new FakeServer().withLogin()).on('POST', '/api/v1/sql', {
      status: 400,
      body: { error: { code: 'SQL_ERROR', message: 'syntax error at "FORM"', line: 1, column: 10 } },
    });
    render(<App client={server.client()} />);
    act(() => editor().setValue('SELECT 1;\nSELECT 2 FORM t;'));
    act(() => editor().moveCursor(2, 1));
    const view = screen.getByTestId('sql-editor');
    // Select the second line with Shift+End.
    fireEvent.keyDown(view.querySelector('.cm-content')!, { key: 'End', shiftKey: true });

    fireEvent.click(screen.getByTestId('run-query'));

    expect((await screen.findByTestId('error-position')).textContent).toBe('Line 2, column 10');
    expect(server.requestsTo('POST', '/api/v1/sql')[0].body).toEqual({ sql: 'SELECT 2 FORM t;', limit: 1000 });
    expect(editor().cursor()).toEqual({ line: 2, column: 10 });
  });

  it('inserts a table name from the schema tree into the editor', async () => {
    signIn();
    render(<App client={catalogRoutes(new FakeServer().withLogin()).client()} />);
    const tree = screen.getByTestId('schema-tree');

    fireEvent.click(await within(tree).findByText('sales'));
    act(() => editor().setValue('SELECT * FROM '));
    fireEvent.click(await within(tree).findByText('orders'));

    expect(editor().value()).toBe('SELECT * FROM sales.orders');
    fireEvent.click(within(tree).getByLabelText('Show columns of orders'));
    expect(await within(tree).findByText('order_date')).toBeTruthy();
    expect(within(tree).getByText('date')).toBeTruthy();
  });

  it('keeps the editor text across a page reload', async () => {
    signIn();
    const server = catalogRoutes(new FakeServer().withLogin());
    const first = render(<App client={server.client()} />);
    act(() => editor().setValue('SELECT 7'));
    first.unmount();

    render(<App client={server.client()} />);

    await waitFor(() => expect(editor().value()).toBe('SELECT 7'));
  });

  it('keeps the editor text and result when switching pages', async () => {
    signIn();
    const server = catalogRoutes(new FakeServer().withLogin()).on('GET', '/api/v1/queries?limit=100', {
      status: 200,
      body: { queries: [] },
    });
    render(<App client={server.client()} />);

    act(() => editor().setValue('SELECT 1'));
    act(() => {
      window.location.hash = '#/history';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByText('No queries yet.')).toBeTruthy();
    act(() => {
      window.location.hash = '#/sql';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });

    await waitFor(() => expect(editor().value()).toBe('SELECT 1'));
  });
});

describe('catalog page', () => {
  it('lists namespaces with their tables and views', async () => {
    signIn();
    window.location.hash = '#/catalog';
    render(<App client={catalogRoutes(new FakeServer().withLogin()).client()} />);

    const overview = await screen.findByTestId('catalog-overview');
    const link = await within(overview).findByText('orders');
    expect(link.closest('a')!.getAttribute('href')).toBe('#/catalog/sales/orders');
    expect(within(overview).getByText('big_orders')).toBeTruthy();
  });

  it('shows columns, partitioning and snapshots of a table', async () => {
    signIn();
    window.location.hash = '#/catalog/sales/orders';
    render(<App client={catalogRoutes(new FakeServer().withLogin()).client()} />);

    const columns = await screen.findByTestId('catalog-columns');
    expect(within(columns).getByText('order_id')).toBeTruthy();
    expect(within(columns).getByText('Primary key')).toBeTruthy();
    expect(screen.getByTestId('catalog-partitioning').textContent).toBe('month(order_date)');
    const snapshots = screen.getByTestId('catalog-snapshots');
    expect(within(snapshots).getByText('7001')).toBeTruthy();
    expect(within(snapshots).getByText('append')).toBeTruthy();
    expect(snapshots.textContent).toContain('added-records=100');
    expect(screen.getByText('s3://warehouse/sales/orders')).toBeTruthy();
  });

  it('shows the SQL of a view', async () => {
    signIn();
    window.location.hash = '#/catalog/sales/big_orders';
    const server = catalogRoutes(new FakeServer().withLogin()).on(
      'GET',
      '/api/v1/catalog/namespaces/sales/objects/big_orders',
      {
        status: 200,
        body: {
          ...ORDERS,
          name: 'big_orders',
          kind: 'VIEW',
          partitioning: [],
          snapshots: [],
          viewSql: 'SELECT * FROM sales.orders WHERE amount > 100',
        },
      },
    );
    render(<App client={server.client()} />);

    expect((await screen.findByTestId('catalog-view-sql')).textContent).toBe(
      'SELECT * FROM sales.orders WHERE amount > 100',
    );
    expect(screen.queryByTestId('catalog-snapshots')).toBeNull();
  });
});
