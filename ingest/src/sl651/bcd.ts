import { FrameError } from './errors.js';
import { HEX_BYTE } from './hex.js';

/** Integer value of the BCD bytes [start, end); a nibble above 9 or a value beyond 2^53 is a FrameError naming `what`. */
export function readBcd(bytes: Uint8Array, start: number, end: number, what: string): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    const high = byte >> 4;
    const low = byte & 0x0f;
    if (high > 9 || low > 9) throw new FrameError(`bad BCD byte ${HEX_BYTE[byte]} in ${what}`);
    value = value * 100 + high * 10 + low;
  }
  // Exact while below 2^53; past it the digits cannot be represented, so refuse rather than round.
  if (!Number.isSafeInteger(value)) throw new FrameError(`${what} has too many digits for a number`);
  return value;
}

/** Writes a non-negative integer as `byteCount` BCD bytes at `offset`. */
export function writeBcd(value: number, byteCount: number, out: Uint8Array, offset: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value >= 100 ** byteCount) {
    throw new RangeError(`${value} does not fit in ${byteCount} BCD bytes`);
  }
  let rest = value;
  for (let i = offset + byteCount - 1; i >= offset; i--) {
    const pair = rest % 100;
    out[i] = ((pair / 10) << 4) | (pair % 10);
    rest = Math.floor(rest / 100);
  }
}
