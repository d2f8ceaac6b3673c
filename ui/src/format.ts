import type { CellValue } from './api/types';

/** Text shown in a result cell; null is shown by the grid itself. */
export function formatCell(value: CellValue): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function formatMillis(millis: number | null | undefined): string {
  if (millis === null || millis === undefined) return '–';
  if (millis < 1000) return `${Math.round(millis)} ms`;
  return `${(millis / 1000).toFixed(millis < 10_000 ? 2 : 1)} s`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${BYTE_UNITS[unit]}`;
}

export function formatCount(count: number | null | undefined): string {
  if (count === null || count === undefined) return '–';
  return count.toLocaleString('en-US');
}

/** Shows an ISO timestamp (or epoch millis) in local time, "2026-01-31 14:05:09". */
export function formatTimestamp(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

const SIMPLE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Quotes an identifier for SQL when it is not a plain lower/upper-case word. */
export function quoteIdentifier(name: string): string {
  return SIMPLE_IDENTIFIER.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export function qualifiedName(namespace: string, name: string): string {
  return `${namespace.split('.').map(quoteIdentifier).join('.')}.${quoteIdentifier(name)}`;
}
