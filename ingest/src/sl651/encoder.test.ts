import { describe, expect, it } from 'vitest';
import { Reassembler, decodeFrame } from './decoder.js';
import { encodeAck, encodeMessage } from './encoder.js';
import { parseFrame } from './frame.js';
import { sampleMessages } from './samples.js';
import type { Encoding, Message, Result } from './types.js';

const BASE: Message = {
  encoding: 'hex',
  direction: 'up',
  centralAddress: 1,
  stationAddress: '0030746200',
  password: '1234',
  functionCode: '32',
  serial: 17509,
  sentAt: new Date('2026-07-01T06:00:36+08:00'),
  stationType: '48',
  timeStepMinutes: null,
  observations: [],
};
const AT = new Date('2026-07-01T06:00:00+08:00');
const F4 = [0.1, 0, 0, 0.5, 2.5, 25.4, null, 0, 0, 0, 0.2, 0];
const F5 = [4.28, 4.28, 4.29, 4.3, 0, 655.34, null, 4.31, 4.31, 4.32, 4.32, 4.33];

/** One message per supported function code and element kind, in the given variant. */
function messages(encoding: Encoding): Message[] {
  const ascii = encoding === 'ascii';
  const report = (functionCode: string, elements: Message['observations'][number]['elements']): Message => ({
    ...BASE,
    encoding,
    functionCode,
    observations: [{ observedAt: AT, elements }],
  });
  return [
    { ...BASE, encoding, functionCode: '2F', stationType: null },
    report('30', { '20': 0, '38': 12.5 }),
    report('32', {
      '20': 2.5,
      '26': 311.3,
      '39': 312.47,
      '38': 12.87,
      '45': '00600481',
      ...(ascii ? {} : { FF09: 20, FF0A: -0.25 }),
    }),
    report('33', { '3B': -12.345, '3A': null, '58': 101.25, '5F': -3.5, '38': 11.9 }),
    report('34', { F4, '26': 311.3, F5, F6: F5, '38': 12.87 }),
    {
      ...BASE,
      encoding,
      functionCode: '32',
      observations: [
        { observedAt: AT, elements: { '39': 312.47 } },
        { observedAt: new Date(AT.getTime() + 300_000), elements: { '39': 312.48, '20': null } },
      ],
    },
    {
      ...BASE,
      encoding,
      functionCode: '31',
      timeStepMinutes: 60,
      observations: [312.47, null, -0.5, 312.5].map((z, i) => ({
        observedAt: new Date(AT.getTime() + i * 3_600_000),
        elements: { '39': z },
      })),
    },
  ];
}

function valueOf<T>(result: Result<T> | null): T {
  if (!result?.ok) throw new Error(result ? result.error : 'incomplete');
  return result.value;
}

describe('encode → decode round trip', () => {
  for (const encoding of ['hex', 'ascii'] as const) {
    it.each(messages(encoding).map((m) => [`${encoding} ${m.functionCode}`, m] as const))('%s', (_, message) => {
      const [frame] = encodeMessage(message);
      expect(valueOf(decodeFrame(frame))).toEqual(message);
    });
  }

  it('holds for a realistic generated mix', () => {
    for (const message of sampleMessages(500, 7)) {
      const [frame] = encodeMessage(message);
      expect(valueOf(decodeFrame(frame))).toEqual(message);
    }
  });

  it('writes the ASCII variant as text groups', () => {
    const [frame] = encodeMessage({
      ...BASE,
      encoding: 'ascii',
      observations: [{ observedAt: AT, elements: { '20': 13, '39': 0.55 } }],
    });
    expect(frame[0]).toBe(0x01);
    expect(frame.toString('latin1')).toContain('4465260701060036 ST 0030746200 H TT 2607010600 PJ 13.0 Z 0.550 \x03');
  });
});

describe('multi-packet messages', () => {
  const big: Message = {
    ...BASE,
    observations: Array.from({ length: 40 }, (_, i) => ({
      observedAt: new Date(AT.getTime() + i * 300_000),
      elements: { '39': 300 + i / 1000, '20': i / 10, F4 },
    })),
  };

  for (const encoding of ['hex', 'ascii'] as const) {
    it(`splits and reassembles (${encoding}), in any packet order`, () => {
      const message = { ...big, encoding };
      const frames = encodeMessage(message, { maxBodyLength: 200 });
      expect(frames.length).toBeGreaterThan(3);
      const packets = frames.map((f) => valueOf(parseFrame(f)).packet);
      expect(packets.at(-1)).toEqual({ total: frames.length, index: frames.length });
      expect(decodeFrame(frames[0])).toMatchObject({ ok: false, error: expect.stringContaining('multi-packet') });

      const reassembler = new Reassembler();
      const shuffled = [...frames.slice(1).reverse(), frames[0]];
      const results = shuffled.map((f) => reassembler.decode(f));
      expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
      expect(valueOf(results.at(-1) ?? null)).toEqual(message);
      expect(reassembler.incomplete()).toEqual([]);
    });
  }

  it('reports messages still missing packets', () => {
    const reassembler = new Reassembler();
    const frames = encodeMessage(big, { maxBodyLength: 200 });
    expect(reassembler.decode(frames[0])).toBeNull();
    expect(reassembler.incomplete()).toEqual([
      `incomplete multi-packet message from station 0030746200: 1 of ${frames.length} packets`,
    ]);
  });
});

describe('M2 confirmation', () => {
  it('is a downlink frame with the same function code, serial and time, ending EOT or ESC', () => {
    const ack = encodeAck(BASE);
    expect(ack.toString('hex').toUpperCase()).toMatch(/^7E7E003074620001123432800802/);
    expect(ack.at(-3)).toBe(0x04);
    expect(valueOf(decodeFrame(ack))).toEqual({ ...BASE, direction: 'down', stationType: null });
    expect(encodeAck(BASE, { end: 'ESC' }).at(-3)).toBe(0x1b);
    const asciiAck = encodeAck({ ...BASE, encoding: 'ascii' });
    expect(valueOf(decodeFrame(asciiAck))).toMatchObject({ encoding: 'ascii', direction: 'down', serial: 17509 });
  });
});
