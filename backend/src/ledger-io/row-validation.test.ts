import { describe, expect, it } from 'vitest';
import { amount, bool, date, integer, oneOf, parseRows, reservoirCode, text, type Column } from './row-validation.js';

const columns: Column[] = [
  { key: 'reservoirCode', label: '水库编码', importable: true, required: true, parse: reservoirCode },
  { key: 'reservoirName', label: '水库名称', importable: false, required: false, parse: text(100) },
  { key: 'amount', label: '金额', importable: true, required: true, parse: amount },
  { key: 'on', label: '日期', importable: true, required: true, parse: date },
  {
    key: 'source',
    label: '来源',
    importable: true,
    required: true,
    parse: oneOf(['central', 'county'], { central: '中央' }),
  },
  { key: 'note', label: '备注', importable: true, required: false, parse: text(5) },
];

describe('ledger row validation', () => {
  it('reads rows by label or key and parses every cell', () => {
    const result = parseRows(columns, [
      ['水库编码', '水库名称', 'amount', '日期', '来源'],
      ['431124-0001', '东风水库', '1,200.5', '2026/3/1', '中央'],
      [],
      ['431124-0002', '', '5', '2026-03-02', 'county'],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 2,
        values: { reservoirCode: '431124-0001', amount: '1200.5', on: '2026-03-01', source: 'central', note: null },
      },
      { row: 4, values: { reservoirCode: '431124-0002', amount: '5', on: '2026-03-02', source: 'county', note: null } },
    ]);
  });

  it('reports every bad cell of every row, not just the first', () => {
    const result = parseRows(columns, [
      ['水库编码', '金额', '日期', '来源', '备注'],
      ['431124-1', '0', '2026-02-30', 'bank', 'too long'],
      ['431124-0001', '12.345', '', 'central', ''],
    ]);
    expect(result.errors).toEqual([
      { row: 2, column: '水库编码', message: expect.stringMatching(/reservoir code/) },
      { row: 2, column: '金额', message: 'the amount must be greater than 0' },
      { row: 2, column: '日期', message: '2026-02-30 is not a date' },
      { row: 2, column: '来源', message: expect.stringMatching(/one of central/) },
      { row: 2, column: '备注', message: 'at most 5 characters' },
      { row: 3, column: '金额', message: expect.stringMatching(/2 decimals/) },
      { row: 3, column: '日期', message: '日期 is required' },
    ]);
  });

  it('reports a missing required column once', () => {
    const result = parseRows(columns, [
      ['水库编码', '日期', '来源'],
      ['431124-0001', '2026-01-01', 'central'],
    ]);
    expect(result.errors).toEqual([{ row: 1, column: '金额', message: expect.stringMatching(/missing/) }]);
  });

  it('parses booleans and bounded integers', () => {
    expect(bool('是')).toBe(true);
    expect(bool('FALSE')).toBe(false);
    expect(() => bool('maybe')).toThrow(/true\/false/);
    expect(integer(0, 100)('100')).toBe(100);
    expect(() => integer(0, 100)('101')).toThrow(/0 to 100/);
  });
});
