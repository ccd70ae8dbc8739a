import { FrameError } from './errors.js';

/** Two upper-case hex digits for every byte value. */
export const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, n) =>
  n.toString(16).toUpperCase().padStart(2, '0'),
);

export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let i = start; i < end; i++) out += HEX_BYTE[bytes[i]];
  return out;
}

/** True for an even number of hex digits. */
export function isHex(text: string): boolean {
  return /^(?:[0-9A-Fa-f]{2})*$/.test(text);
}

/** Bytes of a hex string of even length; throws FrameError naming `what` otherwise. */
export function fromHex(text: string, what: string): Buffer {
  if (!isHex(text)) throw new FrameError(`${what} is not hex: "${text}"`);
  return Buffer.from(text, 'hex');
}
