import type { CellValue, ResultColumn } from '../api/types';
import { formatCell } from '../format';

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of a result: a header of column names, then one line per row; NULL is empty. */
export function toCsv(columns: ResultColumn[], rows: CellValue[][]): string {
  const lines = [columns.map((column) => csvField(column.name)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((_, i) => (row[i] === null || row[i] === undefined ? '' : csvField(formatCell(row[i])))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export function downloadCsv(fileName: string, columns: ResultColumn[], rows: CellValue[][]): void {
  const url = URL.createObjectURL(new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
