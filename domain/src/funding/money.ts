/**
 * Exact money arithmetic: amounts travel as decimal strings ("5000000.00") and are computed in integer fen
 * (1/100 CNY) with BigInt. Never a float.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** "5000000.5" → 500000050n. Throws on anything that is not a plain decimal with at most two places. */
export function toFen(amount: string): bigint {
  const m = DECIMAL.exec(amount.trim());
  if (!m) throw new Error(`Not a decimal amount: ${amount}`);
  const fen = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -fen : fen;
}

/** 500000050n → "5000000.50". */
export function fromFen(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export function sumFen(values: readonly bigint[]): bigint {
  return values.reduce((a, b) => a + b, 0n);
}

/**
 * numerator / denominator as a decimal string with four places, rounded half away from zero;
 * null when the denominator is zero (a rate of nothing is undefined, not 0).
 */
export function ratio(numerator: bigint, denominator: bigint): string | null {
  if (denominator === 0n) return null;
  const negative = numerator < 0n !== denominator < 0n && numerator !== 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const scaled = (n * 10000n * 2n + d) / (2n * d); // round half up on the absolute value
  const text = `${scaled / 10000n}.${(scaled % 10000n).toString().padStart(4, '0')}`;
  return negative && scaled !== 0n ? `-${text}` : text;
}

/** The share of a budget in fen, for a share given in basis points (7000 = 70%), rounded half up to the fen. */
export function shareOf(fen: bigint, basisPoints: number): bigint {
  return (fen * BigInt(basisPoints) * 2n + 10000n) / 20000n;
}
