import { frameLayout, parseFrame, SOH } from './frame.js';

const HEX_START = 0x7e;

/**
 * Splits a TCP byte stream into whole frames. Handles frames split across reads, several frames per read and
 * garbage between frames: bytes that cannot start a frame, or a candidate frame whose length, end character or
 * CRC does not check, are skipped one byte at a time so the next start marker is found. Only an unfinished
 * candidate frame is kept between reads, so the buffer never exceeds one maximum-size frame (4124 bytes).
 */
export class FrameSplitter {
  private buffer: Buffer = Buffer.alloc(0);
  /** Bytes skipped as garbage so far. */
  discardedBytes = 0;

  /** Complete frames now available, in stream order; each is its own copy. */
  push(chunk: Uint8Array): Buffer[] {
    const data = this.buffer.length > 0 ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    const frames: Buffer[] = [];
    let pos = 0;
    while (pos < data.length) {
      if (data[pos] !== HEX_START && data[pos] !== SOH) {
        pos++;
        this.discardedBytes++;
        continue;
      }
      const layout = frameLayout(data, pos);
      if (layout === undefined) break;
      if (typeof layout !== 'string') {
        const end = pos + layout.frameLength;
        if (end > data.length) break;
        const frame = data.subarray(pos, end);
        if (parseFrame(frame).ok) {
          frames.push(Buffer.from(frame));
          pos = end;
          continue;
        }
      }
      pos++;
      this.discardedBytes++;
    }
    this.buffer = Buffer.from(data.subarray(pos));
    return frames;
  }

  /** Bytes held back waiting for the rest of a frame. */
  get buffered(): number {
    return this.buffer.length;
  }
}
