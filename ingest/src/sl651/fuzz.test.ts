import { describe, expect, it } from 'vitest';
import { crc16 } from './crc.js';
import { Reassembler, decodeFrame } from './decoder.js';
import { encodeMessage } from './encoder.js';
import { createRng, sampleMessages } from './samples.js';
import type { Message, Result } from './types.js';

const rng = createRng(20260701);
const int = (n: number): number => Math.floor(rng() * n);
const seeds = sampleMessages(200, 9).flatMap((m) => encodeMessage(m, { maxBodyLength: rng() < 0.2 ? 40 : 4095 }));

/** The frame's own CRC check, independent of the decoder; a stray 7E after the CRC is tolerated. */
function crcHolds(frame: Uint8Array): boolean {
  return crcHoldsExactly(frame) || (frame.at(-1) === 0x7e && crcHoldsExactly(frame.subarray(0, -1)));
}

function crcHoldsExactly(frame: Uint8Array): boolean {
  const buffer = Buffer.from(frame);
  if (buffer[0] === 0x7e && buffer.length >= 3)
    return crc16(buffer, 0, buffer.length - 2) === buffer.readUInt16BE(buffer.length - 2);
  if (buffer[0] === 0x01 && buffer.length >= 5) {
    return (
      crc16(buffer, 0, buffer.length - 4)
        .toString(16)
        .padStart(4, '0') === buffer.subarray(-4).toString('latin1').toLowerCase()
    );
  }
  return false;
}

function fixCrc(frame: Buffer): Buffer {
  if (frame[0] === 0x7e && frame.length >= 3) frame.writeUInt16BE(crc16(frame, 0, frame.length - 2), frame.length - 2);
  if (frame[0] === 0x01 && frame.length >= 5) {
    frame.write(
      crc16(frame, 0, frame.length - 4)
        .toString(16)
        .toUpperCase()
        .padStart(4, '0'),
      frame.length - 4,
      'latin1',
    );
  }
  return frame;
}

function mutate(source: Buffer): Buffer {
  const bytes = [...source];
  for (let n = 1 + int(3); n > 0; n--) {
    const at = int(bytes.length + 1);
    const op = int(4);
    if (op === 0) bytes[at] = int(256);
    else if (op === 1) bytes[at] = rng() < 0.5 ? 0xff : 0xaa;
    else if (op === 2) bytes.splice(at, 1);
    else bytes.splice(at, 0, int(256));
  }
  return Buffer.from(bytes.filter((b) => b !== undefined).slice(0, rng() < 0.1 ? int(bytes.length) : undefined));
}

function randomFrame(): Buffer {
  const body = Array.from({ length: int(120) }, () => int(256));
  const start = rng() < 0.5 ? [0x7e, 0x7e] : [0x01];
  return Buffer.from([...start, ...body]);
}

function isSane(message: Message): boolean {
  return message.observations.every((o) =>
    Object.values(o.elements).every((v) =>
      [v].flat().every((x) => x === null || typeof x === 'string' || Number.isFinite(x)),
    ),
  );
}

describe('fuzz: 100,000 random and mutated frames', () => {
  it('never throws and never decodes a frame whose CRC fails', () => {
    const counts = { decoded: 0, rejected: 0, decodedAfterCrcFix: 0 };
    const reassembler = new Reassembler();
    const check = (frame: Buffer, result: Result<Message> | null): void => {
      if (!result) return;
      if (result.ok) {
        counts.decoded++;
        if (!crcHolds(frame) || !isSane(result.value)) throw new Error(`bad decode of ${frame.toString('hex')}`);
      } else counts.rejected++;
    };
    for (let i = 0; i < 100_000; i++) {
      const kind = i % 4;
      const seed = seeds[int(seeds.length)];
      const frame = kind === 0 ? randomFrame() : kind === 3 ? fixCrc(mutate(seed)) : mutate(seed);
      const result = decodeFrame(frame);
      check(frame, result);
      check(frame, reassembler.decode(frame));
      if (kind === 3 && result.ok) counts.decodedAfterCrcFix++;
    }
    // Mutations with a repaired CRC reach the body decoder: some still decode, most are caught.
    expect(counts.decodedAfterCrcFix).toBeGreaterThan(100);
    expect(counts.rejected).toBeGreaterThan(150_000);
  });
});
