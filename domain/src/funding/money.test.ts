import { describe, expect, it } from 'vitest';
import { fromFen, ratio, shareOf, sumFen, toFen } from './money.js';

describe('money in fen', () => {
  it('parses decimal strings exactly', () => {
    expect(toFen('5000000.00')).toBe(500000000n);
    expect(toFen('0.1')).toBe(10n);
    expect(toFen('0.07')).toBe(7n);
    expect(toFen('12')).toBe(1200n);
    expect(toFen('-3.50')).toBe(-350n);
    expect(toFen('999999999999.99')).toBe(99999999999999n);
  });

  it('rejects what is not a plain two-place decimal', () => {
    for (const bad of ['1.234', '1e6', 'abc', '', '1,000.00', '.5', '0x10']) expect(() => toFen(bad)).toThrow();
  });

  it('formats fen back to two places', () => {
    expect(fromFen(500000000n)).toBe('5000000.00');
    expect(fromFen(7n)).toBe('0.07');
    expect(fromFen(0n)).toBe('0.00');
    expect(fromFen(-350n)).toBe('-3.50');
  });

  it('adds without float error (0.1 + 0.2 is 0.30)', () => {
    expect(fromFen(sumFen([toFen('0.1'), toFen('0.2')]))).toBe('0.30');
    // a sum that a double gets wrong in the last place
    const many = Array.from({ length: 1000 }, () => toFen('1900000.01'));
    expect(fromFen(sumFen(many))).toBe('1900000010.00');
  });

  it('gives rates with four places, rounded half up, null for a zero denominator', () => {
    expect(ratio(350000000n, 500000000n)).toBe('0.7000');
    expect(ratio(1n, 3n)).toBe('0.3333');
    expect(ratio(2n, 3n)).toBe('0.6667');
    expect(ratio(1n, 20000n)).toBe('0.0001'); // 0.00005 rounds up
    expect(ratio(5n, 4n)).toBe('1.2500');
    expect(ratio(0n, 7n)).toBe('0.0000');
    expect(ratio(5n, 0n)).toBeNull();
    expect(ratio(-1n, 4n)).toBe('-0.2500');
  });

  it('takes policy shares to the fen', () => {
    expect(shareOf(500000000n, 7000)).toBe(350000000n); // 70% of 5,000,000.00
    expect(shareOf(190000000n, 7000)).toBe(133000000n); // 70% of 1,900,000.00
    expect(shareOf(1n, 5000)).toBe(1n); // half a fen rounds up
    expect(shareOf(3n, 3333)).toBe(1n);
  });
});
