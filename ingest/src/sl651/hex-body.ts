import { readBcd, writeBcd } from './bcd.js';
import { beijingParts, timeFromParts } from './beijing-time.js';
import { ObservationBuilder, bodyItems, emptyMessage, hasStationPart } from './body-items.js';
import type { BodyItem } from './body-items.js';
import { ELEMENTS } from './elements.js';
import { FrameError } from './errors.js';
import { HEX_BYTE, toHex } from './hex.js';
import type { ElementValue, FrameHeader, Message } from './types.js';

const TIME_MARK = 0xf0;
const STATION_MARK = 0xf1;
const EXTENDED = 0xff;
const STEP_ID = '04';

/** Decodes the body of a HEX/BCD frame (or of reassembled packets); throws FrameError. */
export function decodeHexBody(header: FrameHeader, body: Uint8Array): Message {
  const end = body.length;
  if (end < 8) throw new FrameError(`body too short: ${end} bytes, serial and send time need 8`);
  const message = emptyMessage(header, (body[0] << 8) | body[1], readTime(body, 2, 6, 'send time'));
  if (!hasStationPart(header)) {
    if (end !== 8)
      throw new FrameError(
        `unexpected ${end - 8} bytes after the send time of a function ${header.functionCode} frame`,
      );
    return message;
  }
  if (end < 16 || body[8] !== STATION_MARK || body[9] !== STATION_MARK) {
    throw new FrameError('expected F1F1, station address and type after the send time');
  }
  message.stationType = HEX_BYTE[body[15]];
  const builder = new ObservationBuilder(header.functionCode);
  let pos = 16;
  while (pos < end) {
    if (body[pos] === TIME_MARK) {
      if (end - pos < 7) throw new FrameError(`observation time truncated: needs 7 bytes, ${end - pos} left`);
      if (body[pos + 1] !== TIME_MARK) throw new FrameError(`bad observation-time marker F0${HEX_BYTE[body[pos + 1]]}`);
      builder.add({ kind: 'time', at: readTime(body, pos + 2, 5, 'observation time') });
      pos += 7;
      continue;
    }
    const extended = body[pos] === EXTENDED;
    if (extended && end - pos < 2) throw new FrameError('extended identifier FF truncated');
    const key = extended ? 'FF' + HEX_BYTE[body[pos + 1]] : HEX_BYTE[body[pos]];
    pos += extended ? 2 : 1;
    if (pos >= end) throw new FrameError(`element ${key} has no definition byte`);
    let size = body[pos] >> 3;
    const decimals = body[pos] & 0x07;
    pos++;
    if (size === 0) throw new FrameError(`element ${key} declares no data bytes`);
    if (size !== LEVEL_ARRAY_BYTES && !builder.expectsSeries && ELEMENTS.get(key)?.kind === 'level5min') {
      size = levelArraySize(key, body, pos, size, builder.warnings);
    }
    if (end - pos < size) throw new FrameError(`element ${key} truncated: needs ${size} bytes, ${end - pos} left`);
    builder.add(readItem(builder, key, body, pos, size, decimals));
    pos = builder.expectsSeries && key !== STEP_ID ? end : pos + size;
  }
  builder.fill(message);
  return message;
}

/** A 5-minute level array (`F5`–`FC`): 12 values of 2 bytes. */
const LEVEL_ARRAY_BYTES = 24;

/**
 * Where a level array whose definition byte does not say 24 bytes ends. Stations are seen declaring the number of
 * values instead of bytes, or 24 as a plain byte (`18`, which reads as 3 bytes). The declared length stands when it
 * is a whole number of values followed by the start of a group (`F0F0`, a known identifier whose data fits, or the
 * body's end); otherwise twice the declared length or the standard 24 bytes must be the only length that is.
 * Anything else is ambiguous and refused.
 */
function levelArraySize(key: string, body: Uint8Array, pos: number, declared: number, warnings: string[]): number {
  const fits = (size: number) => size % 2 === 0 && pos + size <= body.length && startsGroup(body, pos + size);
  if (fits(declared)) return declared;
  const sizes = [2 * declared, LEVEL_ARRAY_BYTES].filter((size, i, all) => all.indexOf(size) === i && fits(size));
  if (sizes.length !== 1) {
    throw new FrameError(
      `element ${key} declares ${declared} bytes, not a whole number of 2-byte values followed by the next group`,
    );
  }
  warnings.push(`element ${key} declares ${declared} bytes but holds ${sizes[0]}`);
  return sizes[0];
}

function startsGroup(body: Uint8Array, at: number): boolean {
  if (at === body.length) return true;
  if (body[at] === TIME_MARK) return body[at + 1] === TIME_MARK;
  if (!ELEMENTS.has(HEX_BYTE[body[at]]) || at + 1 >= body.length) return false;
  const size = body[at + 1] >> 3;
  return size > 0 && at + 2 + size <= body.length;
}

function readItem(
  builder: ObservationBuilder,
  key: string,
  body: Uint8Array,
  pos: number,
  size: number,
  decimals: number,
): BodyItem {
  if (key === STEP_ID && !builder.expectsSeries) {
    // Time step code DDHHMM (days, hours, minutes), 3 BCD bytes.
    const [days, hours, minutes] =
      size === 3 ? [0, 1, 2].map((i) => readBcd(body, pos + i, pos + i + 1, 'time step')) : [];
    if (size !== 3 || hours > 23 || minutes > 59) throw new FrameError(`bad time step ${toHex(body, pos, pos + size)}`);
    return { kind: 'step', minutes: (days * 24 + hours) * 60 + minutes };
  }
  if (builder.expectsSeries) {
    const rest = body.length - pos;
    if (rest % size !== 0)
      throw new FrameError(`series of element ${key}: ${rest} bytes is not a whole number of ${size}-byte values`);
    const values = arrayOf(rest / size, (i) => readNumber(body, pos + i * size, size, decimals, key));
    return { kind: 'series', key, values };
  }
  return { kind: 'element', key, value: readValue(key, body, pos, size, decimals) };
}

export function readValue(key: string, body: Uint8Array, pos: number, size: number, decimals: number): ElementValue {
  switch (ELEMENTS.get(key)?.kind) {
    case 'status':
      return toHex(body, pos, pos + size);
    case 'rain5min':
      // 1 HEX byte per 5 minutes in 0.1 mm; FF invalid.
      return arrayOf(size, (i) => (body[pos + i] === 0xff ? null : body[pos + i] / 10));
    case 'level5min': {
      // 2 HEX bytes per 5 minutes in cm, returned in m; FFFF invalid.
      if (size % 2 !== 0) throw new FrameError(`element ${key} has an odd length ${size}`);
      return arrayOf(size / 2, (i) => {
        const cm = (body[pos + 2 * i] << 8) | body[pos + 2 * i + 1];
        return cm === 0xffff ? null : cm / 100;
      });
    }
    default:
      return readNumber(body, pos, size, decimals, key);
  }
}

/** `Array.from({ length }, …)` without its per-call overhead (this is the decoder's hot path). */
function arrayOf(length: number, value: (i: number) => number | null): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < length; i++) out.push(value(i));
  return out;
}

/** A BCD number by the definition-byte rule: a leading FF byte marks a negative value, all-FF or all-AA is invalid. */
function readNumber(body: Uint8Array, pos: number, size: number, decimals: number, key: string): number | null {
  const first = body[pos];
  if (first === 0xff || first === 0xaa) {
    let same = true;
    for (let i = pos + 1; i < pos + size && same; i++) same = body[i] === first;
    if (same) return null;
  }
  const negative = first === 0xff;
  const digits = readBcd(body, negative ? pos + 1 : pos, pos + size, `element ${key}`);
  // `|| 0` keeps a sent "-0" from decoding as -0.
  return (negative ? -digits : digits) / 10 ** decimals || 0;
}

function readTime(body: Uint8Array, pos: number, count: number, what: string): Date {
  const parts: number[] = [];
  for (let i = pos; i < pos + count; i++) parts.push(readBcd(body, i, i + 1, what));
  return timeFromParts(parts, what);
}

/** Encodes the body of a HEX/BCD message (the inverse of decodeHexBody). */
export function encodeHexBody(message: Message): Buffer {
  const out: number[] = [message.serial >> 8, message.serial & 0xff, ...bcdBytes(beijingParts(message.sentAt))];
  if (!hasStationPart(message)) return Buffer.from(out);
  out.push(
    STATION_MARK,
    STATION_MARK,
    ...Buffer.from(message.stationAddress, 'hex'),
    parseInt(message.stationType ?? '00', 16),
  );
  for (const item of bodyItems(message)) {
    if (item.kind === 'time') out.push(TIME_MARK, TIME_MARK, ...bcdBytes(beijingParts(item.at).slice(0, 5)));
    else if (item.kind === 'step') {
      const m = item.minutes;
      out.push(0x04, 3 << 3, ...bcdBytes([Math.floor(m / 1440), Math.floor(m / 60) % 24, m % 60]));
    } else if (item.kind === 'series') {
      const { size, decimals } = numberFormat(item.key, item.values);
      out.push(...keyBytes(item.key), (size << 3) | decimals);
      for (const value of item.values) out.push(...numberBytes(value, size, decimals));
    } else out.push(...keyBytes(item.key), ...valueBytes(item.key, item.value));
  }
  return Buffer.from(out);
}

function bcdBytes(numbers: number[]): number[] {
  const out = Buffer.alloc(numbers.length);
  numbers.forEach((n, i) => writeBcd(n, 1, out, i));
  return [...out];
}

function keyBytes(key: string): number[] {
  if (!/^(FF)?[0-9A-F]{2}$/.test(key)) throw new RangeError(`bad element identifier "${key}"`);
  return [...Buffer.from(key, 'hex')];
}

/** Definition byte and data bytes of one element value. */
export function valueBytes(key: string, value: ElementValue): number[] {
  const kind = ELEMENTS.get(key)?.kind ?? 'number';
  if (kind === 'status' && typeof value === 'string' && /^[0-9A-Fa-f]{8}$/.test(value))
    return [4 << 3, ...Buffer.from(value, 'hex')];
  if ((kind === 'rain5min' || kind === 'level5min') && Array.isArray(value)) {
    const [scale, width, invalid] = kind === 'rain5min' ? [10, 1, 0xff] : [100, 2, 0xffff];
    const data = Buffer.alloc(value.length * width);
    value.forEach((v, i) =>
      data.writeUIntBE(v === null ? invalid : checkedScaled(v, scale, invalid - 1, key), i * width, width),
    );
    return [checkedSize(data.length, key) << 3, ...data];
  }
  if (kind === 'number' && (typeof value === 'number' || value === null)) {
    const { size, decimals } = numberFormat(key, [value]);
    return [(size << 3) | decimals, ...numberBytes(value, size, decimals)];
  }
  throw new RangeError(`element ${key} cannot hold ${JSON.stringify(value)}`);
}

function checkedScaled(value: number, scale: number, max: number, key: string): number {
  const scaled = Math.round(value * scale);
  if (!(scaled >= 0 && scaled <= max)) throw new RangeError(`element ${key}: ${value} is out of range`);
  return scaled;
}

function checkedSize(size: number, key: string): number {
  if (size > 31) throw new RangeError(`element ${key} needs ${size} bytes, a definition byte allows 31`);
  return size;
}

/**
 * Byte count and decimals for values of `key`: the standard's format for known elements, widened (never
 * rounded away) when a value needs more digits; for other identifiers, the fewest decimals that keep the value.
 */
function numberFormat(key: string, values: (number | null)[]): { size: number; decimals: number } {
  const known = ELEMENTS.get(key);
  const present = values.filter((v): v is number => v !== null);
  if (present.some((v) => !Number.isFinite(v))) throw new RangeError(`element ${key}: values must be finite`);
  const decimals = known ? known.decimals : Math.max(0, ...present.map(inferDecimals));
  const negative = present.some((v) => v < 0);
  let size = Math.ceil((known?.digits ?? 1) / 2) + (negative ? 1 : 0);
  for (const v of present) {
    const digits = String(Math.round(Math.abs(v) * 10 ** decimals)).length;
    size = Math.max(size, Math.ceil(digits / 2) + (negative ? 1 : 0));
  }
  return { size: checkedSize(size, key), decimals };
}

function inferDecimals(value: number): number {
  let decimals = 0;
  while (decimals < 7 && Math.round(value * 10 ** decimals) / 10 ** decimals !== value) decimals++;
  return decimals;
}

function numberBytes(value: number | null, size: number, decimals: number): Buffer {
  const out = Buffer.alloc(size, 0xff);
  if (value === null) return out;
  const scaled = Math.round(Math.abs(value) * 10 ** decimals);
  if (value < 0 && scaled !== 0) writeBcd(scaled, size - 1, out, 1);
  else writeBcd(scaled, size, out, 0);
  return out;
}
