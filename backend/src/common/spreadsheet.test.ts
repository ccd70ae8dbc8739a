import { describe, expect, it } from 'vitest';
import { neutraliseFormula, readSheet, restoreFormula, writeSheet } from './spreadsheet.js';

describe('formula neutralising', () => {
  it('prefixes text a spreadsheet would run, not numbers or plain text', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutraliseFormula(evil)).toBe(`'${evil}`);
      expect(restoreFormula(neutraliseFormula(evil))).toBe(evil);
    }
    for (const safe of ['-12.50', '+3', '坝顶裂缝', '', "'quoted"]) expect(neutraliseFormula(safe)).toBe(safe);
  });

  it('writes neutralised CSV and XLSX cells and reads them back as written', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await writeSheet(format, 's', ['描述'], [['=HYPERLINK("http://evil","点击")'], ['-5']]);
      if (format === 'csv') expect(file.toString('utf8')).toContain(`"'=HYPERLINK`);
      expect(await readSheet(file)).toEqual([['描述'], ['=HYPERLINK("http://evil","点击")'], ['-5']]);
    }
  });
});
