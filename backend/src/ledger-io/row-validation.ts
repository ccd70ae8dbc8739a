/**
 * Reading ledger rows from a sheet: map the header to known columns, parse every cell of every row, and collect
 * every problem as { row, column, message } (row numbers as the spreadsheet shows them: the header is row 1).
 * Pure: no database.
 */

import { toFen } from '@yz/domain';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** A cell parser throws CellError with a message for the user. */
export class CellError extends Error {}

export interface Column<T = unknown> {
  key: string;
  /** The header an export writes (Chinese); an import accepts the label or the key. */
  label: string;
  /** Export-only columns (names, totals) are ignored on import. */
  importable: boolean;
  required: boolean;
  parse: (text: string) => T;
}

export interface ParsedRow {
  row: number;
  values: Record<string, unknown>;
}

export interface ParseResult {
  rows: ParsedRow[];
  errors: RowError[];
}

export function parseRows(columns: readonly Column[], sheet: readonly string[][]): ParseResult {
  const errors: RowError[] = [];
  const header = sheet[0] ?? [];
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const column = columns.find((c) => c.key.toLowerCase() === h.toLowerCase() || c.label === h);
    if (column && !index.has(column.key)) index.set(column.key, i);
  });
  for (const c of columns) {
    if (c.importable && c.required && !index.has(c.key)) {
      errors.push({ row: 1, column: c.label, message: `The column ${c.label} (${c.key}) is missing` });
    }
  }
  if (errors.length) return { rows: [], errors };
  const rows: ParsedRow[] = [];
  sheet.slice(1).forEach((cells, i) => {
    if (cells.length === 0) return;
    const row = i + 2;
    const values: Record<string, unknown> = {};
    for (const c of columns) {
      if (!c.importable) continue;
      const text = (cells[index.get(c.key) ?? -1] ?? '').trim();
      if (text === '') {
        if (c.required) errors.push({ row, column: c.label, message: `${c.label} is required` });
        values[c.key] = null;
        continue;
      }
      try {
        values[c.key] = c.parse(text);
      } catch (err) {
        if (!(err instanceof CellError)) throw err;
        errors.push({ row, column: c.label, message: err.message });
      }
    }
    rows.push({ row, values });
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 2, column: '', message: 'The file has no rows' });
  return { rows, errors };
}

// Cell parsers.

export const text =
  (max: number) =>
  (t: string): string => {
    if (t.length > max) throw new CellError(`at most ${max} characters`);
    return t;
  };

export function date(t: string): string {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (!m) throw new CellError('a date YYYY-MM-DD is expected');
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) throw new CellError(`${t} is not a date`);
  return iso;
}

/** A CNY amount, kept as a decimal string (at most 12 integer digits and 2 decimals, greater than 0). */
export function amount(t: string): string {
  const plain = t.replace(/,/g, '');
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(plain))
    throw new CellError('an amount in CNY with at most 2 decimals is expected');
  if (toFen(plain) <= 0n) throw new CellError('the amount must be greater than 0');
  return plain;
}

/** One of the values, given as the value itself or its (Chinese) label. */
export const oneOf =
  <T extends string>(values: readonly T[], labels: Partial<Record<T, string>> = {}) =>
  (t: string): T => {
    const found = values.find((v) => v === t || labels[v] === t);
    if (found === undefined) {
      throw new CellError(`one of ${values.map((v) => (labels[v] ? `${v} (${labels[v]})` : v)).join(', ')}`);
    }
    return found;
  };

export const integer =
  (min: number, max: number) =>
  (t: string): number => {
    if (!/^-?\d+$/.test(t) || Number(t) < min || Number(t) > max) {
      throw new CellError(`a whole number from ${min} to ${max} is expected`);
    }
    return Number(t);
  };

export function bool(t: string): boolean {
  const v = t.toLowerCase();
  if (['true', '1', 'yes', '是'].includes(v)) return true;
  if (['false', '0', 'no', '否'].includes(v)) return false;
  throw new CellError('true/false (是/否) is expected');
}

export const pattern =
  (re: RegExp, message: string) =>
  (t: string): string => {
    if (!re.test(t)) throw new CellError(message);
    return t;
  };

export const reservoirCode = pattern(/^[0-9]{6}-[0-9]{4}$/, 'a reservoir code such as 431124-0001 is expected');
