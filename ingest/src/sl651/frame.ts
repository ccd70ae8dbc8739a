import { crc16 } from './crc.js';
import { FrameError, attempt } from './errors.js';
import { HEX_BYTE, fromHex, toHex } from './hex.js';
import type { Encoding, Frame, FrameHeader, PacketInfo, Result } from './types.js';

export const SOH = 0x01;
export const STX = 0x02;
export const ETX = 0x03;
export const EOT = 0x04;
export const ENQ = 0x05;
export const ACK = 0x06;
export const NAK = 0x15;
export const SYN = 0x16;
export const ETB = 0x17;
export const ESC = 0x1b;
const END_CHARS = new Set([ETX, ETB, EOT, ENQ, ACK, NAK, ESC]);
const START = 0x7e;

export const MAX_BODY_LENGTH = 4095;

/**
 * Byte layout of the two variants. HEX: `7E 7E`, 11 header bytes, STX/SYN, body, end, 2 CRC bytes.
 * ASCII: SOH, the same 11 header bytes as 22 hex characters, STX/SYN, body, end, 4 CRC characters.
 * The 12-bit length counts the body including the packet info after SYN (3 bytes, or 6 characters).
 */
const VARIANT = {
  hex: { headerStart: 2, textAt: 13, packetInfoLength: 3, crcLength: 2 },
  ascii: { headerStart: 1, textAt: 23, packetInfoLength: 6, crcLength: 4 },
} as const;

export interface FrameLayout {
  encoding: Encoding;
  /** Offset of STX/SYN from the frame start. */
  textAt: number;
  bodyLength: number;
  frameLength: number;
}

/**
 * Reads just enough of a frame starting at `start` to know its length: the layout, `undefined` when more bytes
 * are needed to tell, or a string saying why these bytes cannot start a frame. Shared by the parser and the framer.
 */
export function frameLayout(bytes: Uint8Array, start = 0): FrameLayout | string | undefined {
  const available = bytes.length - start;
  if (available < 1) return undefined;
  const encoding: Encoding | undefined =
    bytes[start] === SOH
      ? 'ascii'
      : bytes[start] === START && (available < 2 || bytes[start + 1] === START)
        ? 'hex'
        : undefined;
  if (!encoding) {
    return `bad start marker ${toHex(bytes, start, start + Math.min(2, available))}, expected 7E7E (HEX) or 01 (ASCII)`;
  }
  const { textAt, packetInfoLength, crcLength } = VARIANT[encoding];
  if (available < textAt + 1) return undefined;
  let directionNibble: number;
  let bodyLength: number;
  if (encoding === 'hex') {
    directionNibble = bytes[start + 11] >> 4;
    bodyLength = ((bytes[start + 11] & 0x0f) << 8) | bytes[start + 12];
  } else {
    for (let i = start + 1; i < start + textAt; i++) {
      if (!isHexDigit(bytes[i])) return `bad character ${HEX_BYTE[bytes[i]]} in the ASCII header, expected a hex digit`;
    }
    const lengthField = parseInt(String.fromCharCode(...bytes.subarray(start + 19, start + 23)), 16);
    directionNibble = lengthField >> 12;
    bodyLength = lengthField & 0x0fff;
  }
  if (directionNibble !== 0 && directionNibble !== 8) {
    return `bad direction nibble ${directionNibble.toString(16).toUpperCase()}, expected 0 (up) or 8 (down)`;
  }
  const text = bytes[start + textAt];
  if (text !== STX && text !== SYN) return `bad start-of-text byte ${HEX_BYTE[text]}, expected 02 (STX) or 16 (SYN)`;
  if (text === SYN && bodyLength < packetInfoLength) {
    return `multi-packet body of ${bodyLength} is shorter than its ${packetInfoLength}-long packet info`;
  }
  return { encoding, textAt, bodyLength, frameLength: textAt + 1 + bodyLength + 1 + crcLength };
}

function isHexDigit(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

/** Checks and splits one whole frame (either variant): layout, length, end character, CRC, header, packet info. */
export function parseFrame(bytes: Uint8Array): Result<Frame> {
  return attempt(() => readFrame(bytes));
}

function readFrame(bytes: Uint8Array): Frame {
  const layout = frameLayout(bytes);
  if (layout === undefined) throw new FrameError(`frame too short: ${bytes.length} bytes`);
  if (typeof layout === 'string') throw new FrameError(layout);
  const { encoding, textAt, bodyLength, frameLength } = layout;
  // Some DTUs send one more 7E after the CRC: the length field says where the frame ends, so it is unambiguous.
  const strayStart = bytes.length === frameLength + 1 && bytes[frameLength] === START;
  if (bytes.length !== frameLength && !strayStart) {
    throw new FrameError(
      `length mismatch: the header declares a ${bodyLength}-byte body, so a ${frameLength}-byte frame, but it has ${bytes.length} bytes`,
    );
  }
  const { headerStart, packetInfoLength } = VARIANT[encoding];
  const endAt = textAt + 1 + bodyLength;
  const endChar = bytes[endAt];
  if (!END_CHARS.has(endChar)) throw new FrameError(`bad end character ${HEX_BYTE[endChar]}`);
  const sent = encoding === 'hex' ? (bytes[endAt + 1] << 8) | bytes[endAt + 2] : readAsciiCrc(bytes, endAt + 1);
  const computed = crc16(bytes, 0, endAt + 1);
  if (sent !== computed) {
    throw new FrameError(`CRC mismatch: frame has ${hex16(sent)}, computed ${hex16(computed)}`);
  }
  const header =
    encoding === 'hex' ? bytes.subarray(headerStart, textAt) : fromHex(ascii(bytes, headerStart, textAt), 'header');
  const fields = readHeader(encoding, header);
  let bodyStart = textAt + 1;
  let packet: PacketInfo | null = null;
  if (bytes[textAt] === SYN) {
    const info =
      encoding === 'hex'
        ? bytes.subarray(bodyStart, bodyStart + packetInfoLength)
        : fromHex(ascii(bytes, bodyStart, bodyStart + packetInfoLength), 'packet info');
    packet = readPacketInfo(info, endChar, fields.direction);
    bodyStart += packetInfoLength;
  }
  // Spelled out: object spread is several times slower here, and this is the hot path.
  const { direction, centralAddress, stationAddress, password, functionCode } = fields;
  const frame: Frame = {
    encoding,
    direction,
    centralAddress,
    stationAddress,
    password,
    functionCode,
    packet,
    body: bytes.subarray(bodyStart, endAt),
    endChar,
  };
  if (strayStart) frame.warnings = ['a stray 7E after the CRC was ignored'];
  return frame;
}

function readAsciiCrc(bytes: Uint8Array, at: number): number {
  return fromHex(ascii(bytes, at, at + 4), 'CRC').readUInt16BE(0);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

function hex16(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

/** The 11 header bytes: addresses (station first when downlink), password, function code, direction + length. */
function readHeader(encoding: Encoding, h: Uint8Array): FrameHeader {
  const direction = h[9] >> 4 === 8 ? 'down' : 'up';
  const stationAt = direction === 'up' ? 1 : 0;
  return {
    encoding,
    direction,
    centralAddress: direction === 'up' ? h[0] : h[5],
    stationAddress: toHex(h, stationAt, stationAt + 5),
    password: toHex(h, 6, 8),
    functionCode: HEX_BYTE[h[8]],
  };
}

/** Packet info: 12-bit packet total, 12-bit packet number; ETB on every packet but the last of an uplink message. */
function readPacketInfo(info: Uint8Array, endChar: number, direction: FrameHeader['direction']): PacketInfo {
  const total = (info[0] << 4) | (info[1] >> 4);
  const index = ((info[1] & 0x0f) << 8) | info[2];
  if (index < 1 || index > total) throw new FrameError(`bad packet number ${index} of ${total}`);
  const expected = index === total ? ETX : ETB;
  if (direction === 'up' && endChar !== expected) {
    throw new FrameError(`packet ${index} of ${total} ends with ${HEX_BYTE[endChar]}, expected ${HEX_BYTE[expected]}`);
  }
  return { total, index };
}

/** Builds one frame around `body` (bytes for HEX, characters for ASCII). */
export function encodeFrame(header: FrameHeader, body: Uint8Array, packet: PacketInfo | null, endChar: number): Buffer {
  const info = packet
    ? Buffer.from([packet.total >> 4, ((packet.total & 0x0f) << 4) | (packet.index >> 8), packet.index & 0xff])
    : null;
  const { packetInfoLength } = VARIANT[header.encoding];
  const bodyLength = body.length + (info ? packetInfoLength : 0);
  if (bodyLength > MAX_BODY_LENGTH) throw new RangeError(`body of ${bodyLength} exceeds ${MAX_BODY_LENGTH}`);
  checkHeader(header);
  const stationFirst = header.direction === 'down';
  const central = HEX_BYTE[header.centralAddress];
  const headerHex =
    (stationFirst ? header.stationAddress + central : central + header.stationAddress) +
    header.password +
    header.functionCode +
    ((stationFirst ? 0x8000 : 0) | bodyLength).toString(16).toUpperCase().padStart(4, '0');
  const text = info ? SYN : STX;
  const parts =
    header.encoding === 'hex'
      ? [Buffer.from([START, START]), Buffer.from(headerHex, 'hex'), Buffer.from([text]), info ?? Buffer.alloc(0)]
      : [
          Buffer.from([SOH]),
          Buffer.from(headerHex, 'latin1'),
          Buffer.from([text]),
          Buffer.from(info ? toHex(info) : '', 'latin1'),
        ];
  const unchecked = Buffer.concat([...parts, body, Buffer.from([endChar])]);
  const crc = crc16(unchecked);
  const crcBytes = header.encoding === 'hex' ? Buffer.from([crc >> 8, crc & 0xff]) : Buffer.from(hex16(crc), 'latin1');
  return Buffer.concat([unchecked, crcBytes]);
}

function checkHeader({ centralAddress, stationAddress, password, functionCode }: FrameHeader): void {
  const ok =
    Number.isInteger(centralAddress) &&
    centralAddress >= 0 &&
    centralAddress <= 255 &&
    /^[0-9A-F]{10}$/.test(stationAddress) &&
    /^[0-9A-F]{4}$/.test(password) &&
    /^[0-9A-F]{2}$/.test(functionCode);
  if (!ok)
    throw new RangeError(
      `bad frame header ${JSON.stringify({ centralAddress, stationAddress, password, functionCode })}`,
    );
}
