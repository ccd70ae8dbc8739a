import { describe, expect, it } from 'vitest';
import { parseIsoTime } from './iso-time.js';

/** What validation did before: the contract's pattern, `new Date`, and a check that the written day exists. */
const PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
function byDate(text: string): number {
  if (!PATTERN.test(text)) return NaN;
  const [year, month, day] = [text.slice(0, 4), text.slice(5, 7), text.slice(8, 10)].map(Number);
  const lastDay = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  return day <= lastDay ? new Date(text).getTime() : NaN;
}
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

const product = (...sets: string[][]) =>
  sets.reduce<string[]>((acc, set) => acc.flatMap((a) => set.map((b) => a + b)), ['']);

describe('parseIsoTime', () => {
  it('reads the contract’s times with their offsets', () => {
    expect(parseIsoTime('2026-06-01T08:00+08:00')).toBe(Date.UTC(2026, 5, 1));
    expect(parseIsoTime('2026-06-01T00:00:00.123456Z')).toBe(Date.UTC(2026, 5, 1, 0, 0, 0, 123));
    expect(parseIsoTime('2026-05-31T20:30:05.5-03:30')).toBe(Date.UTC(2026, 5, 1, 0, 0, 5, 500));
  });

  it('refuses days the month does not have and times that are not times', () => {
    for (const text of [
      '2026-02-29T00:00Z',
      '2026-04-31T00:00Z',
      '2026-01-01T24:00:01Z',
      '2026-01-01T23:60Z',
      '2026-01-01T00:00+24:00',
      '2026-01-01 00:00Z',
      '2026-01-01T00:00',
      '2026-01-01T00:00:00.Z',
    ]) {
      expect(parseIsoTime(text), text).toBeNaN();
    }
    expect(parseIsoTime('2024-02-29T00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it('answers as the pattern, Date and the calendar check did, field by field at and past every limit', () => {
    const texts = product(
      ['0000', '0099', '1900', '2000', '2024', '2026', '2100', '9999', '20a6'],
      ['-'],
      ['00', '01', '02', '04', '12', '13', '1x'],
      ['-'],
      ['00', '01', '28', '29', '30', '31', '32'],
      ['T'],
      ['00', '23', '24', '25', '9'],
      [':'],
      ['00', '59', '60'],
      [
        '',
        ':00',
        ':59',
        ':60',
        ':00.0',
        ':00.1',
        ':00.12',
        ':00.123',
        ':00.1234',
        ':59.999999',
        ':00.1234567',
        ':00.',
        '.5',
      ],
      ['Z', '+08:00', '-00:00', '+23:59', '-24:00', '+12:60', 'z', '+0800', '', 'Z ', '+08:00:00'],
    );
    const differing = texts.filter((t) => !Object.is(parseIsoTime(t), byDate(t)));
    expect(texts.length).toBeGreaterThan(100_000);
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it('answers as before for every one-character change of a valid time', () => {
    const valid = '2026-06-30T23:59:59.999+08:00';
    const chars = '0123456789-+:.TZ tz/';
    const texts = [...valid].flatMap((_, i) => [
      ...[...chars].map((c) => valid.slice(0, i) + c + valid.slice(i + 1)),
      valid.slice(0, i) + valid.slice(i + 1),
    ]);
    expect(texts.filter((t) => !Object.is(parseIsoTime(t), byDate(t)))).toEqual([]);
  });
});
