import { describe, expect, it } from 'vitest';
import { encodeMessage } from './encoder.js';
import { FrameSplitter } from './framer.js';
import { createRng, sampleMessages } from './samples.js';

const frames = sampleMessages(6, 3).flatMap((m) => encodeMessage(m));
const asciiFrame = encodeMessage({ ...sampleMessages(1, 5)[0], encoding: 'ascii' })[0];
const corrupt = Buffer.from(frames[0]);
corrupt[corrupt.length - 1] ^= 0xff;
const garbage = (hex: string): Buffer => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

/** Frames interleaved with garbage: stray bytes, false start markers, a frame with a bad CRC. */
const stream = Buffer.concat([
  garbage('00 13 7E 41'),
  frames[0],
  frames[1],
  garbage('7E 7E 7E 01 30 02'),
  asciiFrame,
  corrupt,
  frames[2],
  garbage('01 7E'),
  frames[3],
  frames[4],
  garbage('FF FF 7E 7E 01'),
  frames[5],
]);
const expected = [frames[0], frames[1], asciiFrame, frames[2], frames[3], frames[4], frames[5]].map((f) =>
  f.toString('hex'),
);

/** The frames found, as hex (cheap to compare). */
function split(chunks: Buffer[]): string[] {
  const splitter = new FrameSplitter();
  return chunks.flatMap((chunk) => splitter.push(chunk)).map((frame) => frame.toString('hex'));
}

describe('FrameSplitter', () => {
  it('finds every frame and skips garbage and a frame with a bad CRC', () => {
    expect(split([stream])).toEqual(expected);
  });

  it('gives the same frames when the stream is split at every byte boundary', () => {
    for (let at = 0; at <= stream.length; at++) {
      expect(split([stream.subarray(0, at), stream.subarray(at)])).toEqual(expected);
    }
  });

  it('gives the same frames when fed one byte at a time', () => {
    expect(split(Array.from(stream, (b) => Buffer.from([b])))).toEqual(expected);
  });

  it('keeps its buffer bounded under a garbage flood', () => {
    const rng = createRng(11);
    const splitter = new FrameSplitter();
    let maxBuffered = 0;
    for (let i = 0; i < 256; i++) {
      // Random bytes dense in start markers, so candidate frames keep being tried.
      const chunk = Buffer.from(
        Array.from({ length: 4096 }, () => (rng() < 0.1 ? 0x7e : rng() < 0.1 ? 0x01 : Math.floor(rng() * 256))),
      );
      splitter.push(chunk);
      maxBuffered = Math.max(maxBuffered, splitter.buffered);
    }
    expect(maxBuffered).toBeLessThanOrEqual(4124);
    expect(split([Buffer.alloc(5000, 0x55), frames[0]])).toEqual([frames[0].toString('hex')]);
  });
});
