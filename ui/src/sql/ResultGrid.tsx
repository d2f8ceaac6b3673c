import { useEffect, useMemo, useRef, useState, type UIEvent } from 'react';
import type { CellValue, ResultColumn } from '../api/types';
import { formatCell } from '../format';

export const ROW_HEIGHT = 24;
const OVERSCAN = 10;
/** Used until the grid has been laid out (and in environments without layout, such as tests). */
const FALLBACK_VIEWPORT_HEIGHT = 480;
const NUMERIC_TYPE = /^(tinyint|smallint|int|integer|bigint|hugeint|long|float|double|real|decimal|numeric)/i;

interface ResultGridProps {
  columns: ResultColumn[];
  rows: CellValue[][];
}

/** Window of rows to render for a scroll position; exported for tests. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowCount: number) {
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT) + OVERSCAN);
  return { first, last };
}

function columnWidths(columns: ResultColumn[], rows: CellValue[][]): number[] {
  const sample = rows.slice(0, 200);
  return columns.map((column, index) => {
    let chars = Math.max(column.name.length, column.type.length);
    for (const row of sample) chars = Math.max(chars, formatCell(row[index] ?? null).length);
    return Math.min(420, Math.max(72, Math.round(chars * 7.4 + 20)));
  });
}

function isNumericColumn(column: ResultColumn, rows: CellValue[][], index: number): boolean {
  if (NUMERIC_TYPE.test(column.type)) return true;
  const first = rows.find((row) => row[index] !== null && row[index] !== undefined);
  return first !== undefined && typeof first[index] === 'number';
}

function Cell({ value, numeric }: { value: CellValue; numeric: boolean }) {
  if (value === null || value === undefined) return <td className="cell null">NULL</td>;
  const text = formatCell(value);
  return (
    <td className={numeric ? 'cell numeric' : 'cell'} title={text.length > 40 ? text : undefined}>
      {text}
    </td>
  );
}

/**
 * Result table that renders only the rows in view (plus a margin), so tens of thousands of
 * rows scroll smoothly. Rows have a fixed height; spacer rows stand in for the others.
 */
export function ResultGrid({ columns, rows }: ResultGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(FALLBACK_VIEWPORT_HEIGHT);
  const widths = useMemo(() => columnWidths(columns, rows), [columns, rows]);
  const numeric = useMemo(() => columns.map((column, i) => isNumericColumn(column, rows, i)), [columns, rows]);
  const numberWidth = Math.max(44, String(rows.length).length * 8 + 16);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => {
      if (element.clientHeight > 0) setViewportHeight(element.clientHeight);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = (event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop);
  const { first, last } = visibleRange(scrollTop, viewportHeight, rows.length);
  const totalWidth = numberWidth + widths.reduce((sum, width) => sum + width, 0);

  return (
    <div className="result-grid" data-testid="result-grid" ref={scrollRef} onScroll={onScroll}>
      <table style={{ width: totalWidth }} aria-rowcount={rows.length + 1}>
        <colgroup>
          <col style={{ width: numberWidth }} />
          {widths.map((width, i) => (
            <col key={i} style={{ width }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th className="row-number">#</th>
            {columns.map((column, i) => (
              <th key={i} className={numeric[i] ? 'numeric' : undefined} title={`${column.name} ${column.type}`}>
                <span className="column-name">{column.name}</span>
                <span className="column-type">{column.type}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr className="spacer" style={{ height: first * ROW_HEIGHT }} aria-hidden="true" />}
          {rows.slice(first, last).map((row, offset) => {
            const index = first + offset;
            return (
              <tr key={index} data-row-index={index} style={{ height: ROW_HEIGHT }}>
                <td className="row-number">{index + 1}</td>
                {columns.map((_, i) => (
                  <Cell key={i} value={row[i] ?? null} numeric={numeric[i]} />
                ))}
              </tr>
            );
          })}
          {last < rows.length && (
            <tr className="spacer" style={{ height: (rows.length - last) * ROW_HEIGHT }} aria-hidden="true" />
          )}
        </tbody>
      </table>
      {rows.length === 0 && columns.length > 0 && <div className="grid-empty">No rows</div>}
    </div>
  );
}
