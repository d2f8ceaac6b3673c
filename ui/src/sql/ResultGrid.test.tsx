import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { ResultGrid, ROW_HEIGHT, visibleRange } from './ResultGrid';
import { ResultStatus, resultSummary } from './ResultStatus';
import type { CellValue, SqlResult } from '../api/types';

const COLUMNS = [
  { name: 'id', type: 'BIGINT' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'tags', type: 'VARCHAR[]' },
];

function rowsOf(count: number): CellValue[][] {
  return Array.from({ length: count }, (_, i) => [i, `name-${i}`, ['a', 'b']]);
}

function renderedRowIndexes(): number[] {
  return Array.from(screen.getByTestId('result-grid').querySelectorAll('tr[data-row-index]')).map((row) =>
    Number(row.getAttribute('data-row-index')),
  );
}

describe('ResultGrid', () => {
  it('shows column names with their types in the header', () => {
    render(<ResultGrid columns={COLUMNS} rows={rowsOf(2)} />);

    const headers = within(screen.getByTestId('result-grid')).getAllByRole('columnheader');
    expect(headers.map((header) => header.textContent)).toEqual(['#', 'idBIGINT', 'nameVARCHAR', 'tagsVARCHAR[]']);
  });

  it('renders only the rows in view for 10,000 rows', () => {
    render(<ResultGrid columns={COLUMNS} rows={rowsOf(10_000)} />);

    const indexes = renderedRowIndexes();
    expect(indexes[0]).toBe(0);
    expect(indexes.length).toBeLessThan(60);
    expect(screen.getByText('name-0')).toBeTruthy();
    expect(screen.queryByText('name-9999')).toBeNull();
  });

  it('renders the rows at the scroll position', () => {
    render(<ResultGrid columns={COLUMNS} rows={rowsOf(10_000)} />);
    const grid = screen.getByTestId('result-grid');

    grid.scrollTop = 5000 * ROW_HEIGHT;
    fireEvent.scroll(grid);

    const indexes = renderedRowIndexes();
    expect(indexes).toContain(5000);
    expect(indexes).not.toContain(0);
    expect(screen.getByText('name-5005')).toBeTruthy();
    const spacerHeights = Array.from(grid.querySelectorAll('tr.spacer')).map((row) => (row as HTMLElement).style.height);
    expect(spacerHeights[0]).toBe(`${indexes[0] * ROW_HEIGHT}px`);
  });

  it('formats nulls, numbers and nested values', () => {
    render(<ResultGrid columns={COLUMNS} rows={[[42, null, { city: 'Oslo', zip: [1, 2] }]]} />);

    const cells = within(screen.getByTestId('result-grid')).getAllByRole('cell');
    expect(cells.map((cell) => cell.textContent)).toEqual(['1', '42', 'NULL', '{"city":"Oslo","zip":[1,2]}']);
    expect(cells[1].className).toContain('numeric');
    expect(cells[2].className).toContain('null');
  });

  it('computes the window of visible rows with a margin', () => {
    expect(visibleRange(0, 240, 10_000)).toEqual({ first: 0, last: 20 });
    expect(visibleRange(100 * ROW_HEIGHT, 240, 10_000)).toEqual({ first: 90, last: 120 });
    expect(visibleRange(0, 240, 5)).toEqual({ first: 0, last: 5 });
  });
});

function result(overrides: Partial<SqlResult>): SqlResult {
  return {
    queryId: 'q1',
    columns: COLUMNS,
    rows: [],
    rowCount: 0,
    truncated: false,
    updateCount: null,
    elapsedMillis: 0,
    ...overrides,
  };
}

describe('ResultStatus', () => {
  it('shows the row count and the elapsed time', () => {
    render(<ResultStatus result={result({ rowCount: 1234, elapsedMillis: 87 })} />);

    expect(screen.getByTestId('result-summary').textContent).toBe('1,234 rows · 87 ms');
    expect(screen.getByTestId('download-csv')).toBeTruthy();
  });

  it('notes a truncated result', () => {
    render(<ResultStatus result={result({ rowCount: 1000, truncated: true, elapsedMillis: 1500 })} />);

    expect(screen.getByTestId('result-status').textContent).toContain('1,000 rows · 1.50 s');
    expect(screen.getByTestId('result-truncated').textContent).toContain('only the first 1,000 rows are shown');
  });

  it('shows the update count of a statement without columns', () => {
    expect(resultSummary(result({ columns: [], updateCount: 1, elapsedMillis: 3 }))).toBe('1 row affected · 3 ms');
    expect(resultSummary(result({ columns: [], updateCount: null, elapsedMillis: 3 }))).toBe('Statement executed · 3 ms');
  });
});
