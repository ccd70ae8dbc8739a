import { describe, expect, it } from 'vitest';
import { PacketSizeGuard } from './packet-size-guard.js';

/** A PUBLISH fixed header (type 3) with this remaining length, as MQTT encodes it. */
function header(length: number): Buffer {
  const bytes = [0x30];
  do {
    let b = length % 128;
    length = Math.floor(length / 128);
    if (length > 0) b |= 0x80;
    bytes.push(b);
  } while (length > 0);
  return Buffer.from(bytes);
}

describe('PacketSizeGuard', () => {
  it('passes packets up to the limit, split anywhere across chunks', () => {
    const guard = new PacketSizeGuard(1000);
    const stream = Buffer.concat([header(1000), Buffer.alloc(1000), header(0), header(200), Buffer.alloc(200)]);
    for (let i = 0; i < stream.length; i += 7) expect(guard.accept(stream.subarray(i, i + 7))).toBe(true);
  });

  it('refuses a packet declaring more than the limit, on its header alone', () => {
    expect(new PacketSizeGuard(1000).accept(header(1001))).toBe(false);
    expect(new PacketSizeGuard(64 * 1024).accept(header(200 * 1024 * 1024))).toBe(false);
    const guard = new PacketSizeGuard(1000);
    expect(guard.accept(Buffer.concat([header(10), Buffer.alloc(10)]))).toBe(true);
    expect(guard.accept(header(5000).subarray(0, 2))).toBe(true);
    expect(guard.accept(header(5000).subarray(2))).toBe(false);
  });

  it('refuses a malformed length of more than four bytes', () => {
    expect(new PacketSizeGuard(Infinity).accept(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]))).toBe(false);
  });
});
