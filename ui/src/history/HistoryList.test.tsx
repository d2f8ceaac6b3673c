import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { HistoryList } from './HistoryList';
import { filterQueries, HistoryPage } from './HistoryPage';
import type { QueryRecord } from '../api/types';
import { FakeServer, signIn } from '../test/fakeServer';

const FINISHED: QueryRecord = {
  id: 'q-1',
  username: 'alice',
  sql: 'SELECT count(*) FROM sales.orders',
  status: 'FINISHED',
  errorMessage: null,
  startedAt: '2026-01-02T10:00:00Z',
  planningMillis: 12,
  executionMillis: 340,
  totalMillis: 352,
  filesPlanned: 10,
  filesScanned: 3,
  bytesScanned: 5 * 1024 * 1024,
  rowsReturned: 1,
  tablesRead: ['sales.orders', 'sales.customers'],
};

const FAILED: QueryRecord = {
  ...FINISHED,
  id: 'q-2',
  username: 'bob',
  sql: 'SELECT nope FROM sales.orders',
  status: 'FAILED',
  errorMessage: 'Referenced column "nope" not found',
  filesPlanned: null,
  filesScanned: null,
  bytesScanned: null,
  rowsReturned: null,
  tablesRead: [],
};

describe('HistoryList', () => {
  it('shows status, SQL, user and the profile of each query', () => {
    render(<HistoryList queries={[FINISHED, FAILED]} onOpen={() => {}} />);

    const items = within(screen.getByTestId('history-list')).getAllByTestId('history-item');
    expect(items).toHaveLength(2);
    const first = items[0];
    expect(within(first).getByTestId('history-status').textContent).toBe('FINISHED');
    expect(within(first).getByText('SELECT count(*) FROM sales.orders')).toBeTruthy();
    expect(within(first).getByText('alice')).toBeTruthy();
    expect(within(first).getByText('352 ms')).toBeTruthy();
    expect(within(first).getByTestId('history-profile').textContent).toBe(
      'planning 12 ms' +
        'execution 340 ms' +
        'files 3 scanned / 10 planned' +
        'bytes 5.0 MB' +
        'rows 1' +
        'tables sales.orders, sales.customers',
    );
  });

  it('shows the error of a failed query', () => {
    render(<HistoryList queries={[FAILED]} onOpen={() => {}} />);

    const item = screen.getByTestId('history-item');
    expect(within(item).getByTestId('history-status').textContent).toBe('FAILED');
    expect(within(item).getByText('Referenced column "nope" not found')).toBeTruthy();
    expect(within(item).getByTestId('history-profile').textContent).toContain('files –');
  });

  it('opens the SQL of a clicked query', () => {
    const opened: string[] = [];
    render(<HistoryList queries={[FINISHED, FAILED]} onOpen={(sql) => opened.push(sql)} />);

    fireEvent.click(within(screen.getAllByTestId('history-item')[1]).getByText('SELECT nope FROM sales.orders'));

    expect(opened).toEqual(['SELECT nope FROM sales.orders']);
  });

  it('says when there are no queries', () => {
    render(<HistoryList queries={[]} onOpen={() => {}} />);

    expect(screen.getByTestId('history-list').textContent).toBe('No queries yet.');
  });
});

describe('HistoryPage', () => {
  it('loads the latest queries from the server', async () => {
    signIn();
    const server = new FakeServer().on('GET', '/api/v1/queries?limit=100', {
      status: 200,
      body: { queries: [FINISHED] },
    });
    render(<HistoryPage client={server.client()} onOpenSql={() => {}} />);

    expect(await screen.findByText('SELECT count(*) FROM sales.orders')).toBeTruthy();
    expect(server.requests[0].headers.authorization).toBe('Bearer token-1');
  });

  it('filters by SQL, user, status and table', async () => {
    signIn();
    const server = new FakeServer().on('GET', '/api/v1/queries?limit=100', {
      status: 200,
      body: { queries: [FINISHED, FAILED] },
    });
    render(<HistoryPage client={server.client()} onOpenSql={() => {}} />);
    await screen.findByText('SELECT count(*) FROM sales.orders');

    fireEvent.change(screen.getByTestId('history-filter'), { target: { value: 'BOB' } });

    expect(screen.getAllByTestId('history-item').map((item) => item.getAttribute('data-query-id'))).toEqual(['q-2']);
    expect(filterQueries([FINISHED, FAILED], 'customers').map((query) => query.id)).toEqual(['q-1']);
    expect(filterQueries([FINISHED, FAILED], 'failed').map((query) => query.id)).toEqual(['q-2']);
    expect(filterQueries([FINISHED, FAILED], '  ')).toHaveLength(2);
  });

  it('shows why the history cannot be loaded', async () => {
    signIn();
    const server = new FakeServer().on('GET', '/api/v1/queries?limit=100', {
      status: 500,
      body: { error: { code: 'INTERNAL_ERROR', message: 'Cannot read the query log: disk full' } },
    });
    render(<HistoryPage client={server.client()} onOpenSql={() => {}} />);

    expect(await screen.findByText('Cannot read the query log: disk full')).toBeTruthy();
  });
});
