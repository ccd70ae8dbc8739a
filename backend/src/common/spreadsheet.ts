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

/** The first sheet as rows of trimmed strings (row 0 is the header); empty rows are kept as empty arrays. */
export async function readSheet(file: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  if (detectFormat(file) === 'xlsx') {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    sheet = workbook.worksheets[0];
  } else {
    const text = file.toString('utf8').replace(/^\uFEFF/, '');
    // map keeps every value as written: no guessing of numbers or dates.
    sheet = await workbook.csv.read(Readable.from([text]), { map: (value: unknown) => value });
  }
  const rows: string[][] = [];
  if (!sheet) return rows;
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(restoreFormula(cellText(row.getCell(c).value)));
    rows.push(cells.every((v) => v === '') ? [] : cells);
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
