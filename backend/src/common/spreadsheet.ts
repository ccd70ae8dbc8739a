import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export const FORMATS = ['csv', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Writes a header row and data rows, every cell as text (codes keep their leading zeros, money stays exact). */
export async function writeSheet(
  format: Format,
  sheetName: string,
  header: readonly string[],
  rows: readonly (readonly (string | null)[])[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...header]);
  for (const row of rows) sheet.addRow(row.map((v) => neutraliseFormula(v ?? '')));
  if (format === 'xlsx') {
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((c) => (c.width = 16));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
  // A byte-order mark lets Excel open the UTF-8 (Chinese) text correctly.
  const csv = Buffer.from(await workbook.csv.writeBuffer());
  return Buffer.concat([Buffer.from('\uFEFF'), csv]);
}

/** Text a spreadsheet program would run as a formula (CSV injection): =, +, -, @, tab or CR first. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** Prefixes formula-like text with an apostrophe so Excel and LibreOffice show it as text; numbers stay as they are. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The text neutraliseFormula was given: a re-imported export keeps its values. */
export function restoreFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** XLSX files are ZIP archives ("PK"); anything else is read as CSV. */
export function detectFormat(file: Buffer): Format {
  return file.length >= 2 && file[0] === 0x50 && file[1] === 0x4b ? 'xlsx' : 'csv';
}

/** Data rows one import may hold (the largest ledger, responsible persons, has 4 per reservoir). */
export const MAX_ROWS = 10_000;
/** Columns a sheet may use (the widest ledger has 15). */
export const MAX_COLUMNS = 64;

/** A sheet past MAX_ROWS or MAX_COLUMNS: refused before its cells are read. */
export class SheetTooLarge extends Error {
  constructor() {
    super(`The file is too large: at most ${MAX_ROWS} rows and ${MAX_COLUMNS} columns per import`);
  }
}

/**
 * The first sheet as rows of trimmed strings (row 0 is the header); empty rows are kept as empty arrays. XLSX is
 * read as a stream of the rows actually present (a sheet's declared dimension costs nothing), and reading stops
 * at the first row or column past the limits (SheetTooLarge).
 */
export async function readSheet(file: Buffer): Promise<string[][]> {
  const rows = detectFormat(file) === 'xlsx' ? await readXlsx(file) : await readCsv(file);
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => {
    const cells = Array.from({ length: width }, (_, i) => restoreFormula(cellText(r[i] ?? null)));
    return cells.every((v) => v === '') ? [] : cells;
  });
}

async function readXlsx(file: Buffer): Promise<ExcelJS.CellValue[][]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    sharedStrings: 'cache',
    styles: 'cache', // dates are numbers with a date style
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  const rows: ExcelJS.CellValue[][] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      // row.values is sparse and 1-based; its length is the last used column + 1.
      const values = row.values as ExcelJS.CellValue[];
      if (row.number > MAX_ROWS + 1 || values.length - 1 > MAX_COLUMNS) throw new SheetTooLarge();
      while (rows.length < row.number - 1) rows.push([]);
      rows.push(values.slice(1));
    }
    break; // the first sheet only
  }
  return rows;
}

async function readCsv(file: Buffer): Promise<ExcelJS.CellValue[][]> {
  let lines = 0;
  for (const byte of file) if (byte === 0x0a && ++lines > MAX_ROWS + 1) throw new SheetTooLarge();
  const text = file.toString('utf8').replace(/^\uFEFF/, '');
  // map keeps every value as written: no guessing of numbers or dates.
  const sheet = await new ExcelJS.Workbook().csv.read(Readable.from([text]), { map: (value: unknown) => value });
  if (sheet.columnCount > MAX_COLUMNS) throw new SheetTooLarge();
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as ExcelJS.CellValue[];
    rows.push(values.slice(1));
  }
  return rows;
}

/** A cell's value as text; dates become YYYY-MM-DD (XLSX dates carry no time zone: read as UTC). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('hyperlink' in value) return String(value.text ?? value.hyperlink).trim();
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value).trim();
}
