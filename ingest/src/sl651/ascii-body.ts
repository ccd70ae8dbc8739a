import { beijingParts, timeFromParts } from './beijing-time.js';
import { ObservationBuilder, bodyItems, emptyMessage, hasStationPart } from './body-items.js';
import type { BodyItem } from './body-items.js';
import { ELEMENTS, ELEMENTS_BY_MNEMONIC } from './elements.js';
import { FrameError } from './errors.js';
import { HEX_BYTE, fromHex, toHex } from './hex.js';
import { readValue, valueBytes } from './hex-body.js';
import type { ElementValue, FrameHeader, Message } from './types.js';

/** Time step `DR` + unit (D days, H hours, N minutes) + 2 digits. */
const STEP = /^DR([DHN])(\d\d)$/;
const STEP_MINUTES = { D: 1440, H: 60, N: 1 } as const;
const NUMBER = /^-?\d{1,15}(?:\.\d{1,7})?$/;
const MISSING = 'M';

/**
 * Decodes the body of an ASCII frame: 4 hex digits serial, 12-digit send time, then space-separated
 * `identifier value` groups (`ST 0010100001 H TT 2007241723 PJ 13.0 Z 0.550 VT 12.68 `); throws FrameError.
 */
export function decodeAsciiBody(header: FrameHeader, body: Uint8Array): Message {
  const text = Buffer.from(body).toString('latin1');
  if (!/^[\x20-\x7e]*$/.test(text)) throw new FrameError('ASCII body has a non-printable character');
  if (text.length < 16) throw new FrameError(`body too short: ${text.length} characters, serial and send time need 16`);
  const serial = fromHex(text.slice(0, 4), 'serial number').readUInt16BE(0);
  const message = emptyMessage(header, serial, readTime(text.slice(4, 16), 'send time'));
  const tokens = text
    .slice(16)
    .split(' ')
    .filter((t) => t !== '');
  if (!hasStationPart(header)) {
    if (tokens.length > 0)
      throw new FrameError(`unexpected "${tokens[0]}" after the send time of a function ${header.functionCode} frame`);
    return message;
  }
  const [st, address = '', type = ''] = tokens;
  if (st !== 'ST' || !/^[0-9A-Fa-f]{10}$/.test(address) || type.length !== 1) {
    throw new FrameError('expected "ST <10-digit address> <type letter>" after the send time');
  }
  message.stationType = HEX_BYTE[type.charCodeAt(0)];
  const builder = new ObservationBuilder(header.functionCode);
  let i = 3;
  const next = (what: string): string => {
    const token = tokens[i++];
    if (token === undefined) throw new FrameError(`missing value for ${what}`);
    return token;
  };
  while (i < tokens.length) {
    const id = tokens[i++];
    const step = STEP.exec(id);
    let item: BodyItem;
    if (id === 'TT') item = { kind: 'time', at: readTime(next('TT'), 'observation time') };
    else if (step)
      item = { kind: 'step', minutes: Number(step[2]) * STEP_MINUTES[step[1] as keyof typeof STEP_MINUTES] };
    else {
      const key = ELEMENTS_BY_MNEMONIC.get(id)?.id;
      if (!key) throw new FrameError(`unknown element identifier "${id}"`);
      if (builder.expectsSeries) {
        item = { kind: 'series', key, values: tokens.slice(i).map((t) => readNumber(t, id)) };
        i = tokens.length;
      } else item = { kind: 'element', key, value: readText(key, id, next(id)) };
    }
    builder.add(item);
  }
  builder.fill(message);
  return message;
}

function readTime(digits: string, what: string): Date {
  if (!/^(?:\d\d){5,6}$/.test(digits)) throw new FrameError(`bad ${what} "${digits}"`);
  return timeFromParts(digits.match(/\d\d/g)?.map(Number) ?? [], what);
}

function readNumber(token: string, mnemonic: string): number | null {
  if (token === MISSING) return null;
  if (!NUMBER.test(token)) throw new FrameError(`bad number "${token}" for ${mnemonic}`);
  return Number(token) || 0;
}

/** Numbers are decimal text; the status word and 5-minute arrays are their HEX bytes as hex digits. */
function readText(key: string, mnemonic: string, token: string): ElementValue {
  if (ELEMENTS.get(key)?.kind === 'number') return readNumber(token, mnemonic);
  if (token === MISSING) return null;
  const bytes = fromHex(token, `value of ${mnemonic}`);
  if (bytes.length === 0) throw new FrameError(`empty value for ${mnemonic}`);
  return readValue(key, bytes, 0, bytes.length, 0);
}

/** Encodes the body of an ASCII message (the inverse of decodeAsciiBody). */
export function encodeAsciiBody(message: Message): Buffer {
  const tokens: string[] = [];
  if (hasStationPart(message)) {
    const type = String.fromCharCode(parseInt(message.stationType ?? '', 16));
    if (!/^[\x21-\x7e]$/.test(type))
      throw new RangeError(`station type ${message.stationType} is not a printable letter`);
    tokens.push('ST', message.stationAddress, type);
    for (const item of bodyItems(message)) tokens.push(...itemTokens(item));
  }
  const head = HEX_BYTE[message.serial >> 8] + HEX_BYTE[message.serial & 0xff] + timeDigits(message.sentAt, 6);
  return Buffer.from(head + tokens.map((t) => ` ${t}`).join('') + (tokens.length > 0 ? ' ' : ''), 'latin1');
}

function itemTokens(item: BodyItem): string[] {
  switch (item.kind) {
    case 'time':
      return ['TT', timeDigits(item.at, 5)];
    case 'step':
      return [stepToken(item.minutes)];
    case 'series':
      return [mnemonic(item.key), ...item.values.map((v) => numberText(item.key, v))];
    case 'element':
      return [mnemonic(item.key), valueText(item.key, item.value)];
  }
}

function mnemonic(key: string): string {
  const known = ELEMENTS.get(key);
  if (!known) throw new RangeError(`element ${key} has no ASCII identifier`);
  return known.mnemonic;
}

function valueText(key: string, value: ElementValue): string {
  if (ELEMENTS.get(key)?.kind === 'number') {
    if (typeof value !== 'number' && value !== null)
      throw new RangeError(`element ${key} cannot hold ${JSON.stringify(value)}`);
    return numberText(key, value);
  }
  return value === null ? MISSING : toHex(Buffer.from(valueBytes(key, value).slice(1)));
}

function numberText(key: string, value: number | null): string {
  if (value === null) return MISSING;
  if (!Number.isFinite(value)) throw new RangeError(`element ${key}: values must be finite`);
  return value.toFixed(ELEMENTS.get(key)?.decimals ?? 0);
}

function stepToken(minutes: number): string {
  const unit = minutes % 1440 === 0 ? 'D' : minutes % 60 === 0 ? 'H' : 'N';
  const count = minutes / STEP_MINUTES[unit];
  if (count < 1 || count > 99) throw new RangeError(`time step of ${minutes} minutes has no ASCII form`);
  return `DR${unit}${String(count).padStart(2, '0')}`;
}

function timeDigits(date: Date, parts: number): string {
  return beijingParts(date)
    .slice(0, parts)
    .map((n) => String(n).padStart(2, '0'))
    .join('');
}
