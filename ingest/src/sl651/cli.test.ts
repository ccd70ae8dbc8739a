import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './cli.js';
import { encodeMessage } from './encoder.js';
import { encodeFrame, ETX } from './frame.js';
import { decodeHexInputs } from './json.js';
import type { Message } from './types.js';

const WORKED_EXAMPLE =
  '7E7E 01 0010100001 A000 32 002B 02 000C 200724172349 F1F1 0010100001 48 F0F0 2007241723 2019 000130 2219 000040 3923 00000550 3812 1268 03 8397';

const HOURLY: Message = {
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
  observations: [
    {
      observedAt: new Date('2026-07-01T06:00:00+08:00'),
      elements: { '26': 311.3, '38': 12.87, '45': '00600481', FF09: 20, F4: [0.1, null], F5: [4.28, null] },
    },
  ],
};

async function run(argv: string[], stdinText = ''): Promise<{ code: number; lines: unknown[]; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const code = await main(argv, Readable.from([stdinText]), stdout, stderr);
  const lines = out
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line): unknown => JSON.parse(line));
  return { code, lines, stderr: err.join('') };
}

describe('sl651 decode', () => {
  it('prints the documented JSON for a frame', () => {
    const hex = encodeMessage(HOURLY)[0].toString('hex');
    expect(decodeHexInputs([hex])).toEqual([
      {
        functionCode: '32',
        stationAddress: '0030746200',
        stationType: '48',
        serial: 17509,
        sentAt: '2026-07-01T06:00:36+08:00',
        crcOk: true,
        encoding: 'hex',
        direction: 'up',
        centralAddress: 1,
        observations: [
          {
            observedAt: '2026-07-01T06:00:00+08:00',
            elements: { '26': 311.3, '38': 12.87, '45': '00600481', FF09: 20, F4: [0.1, null], F5: [4.28, null] },
          },
        ],
        warnings: [
          'element F4 holds 2 values, the standard sends 12',
          'element F5 holds 2 values, the standard sends 12',
        ],
      },
    ]);
  });

  it('accepts a stray 7E after the CRC, says so, and still rejects a bad CRC', async () => {
    const { code, lines } = await run(['decode', `${WORKED_EXAMPLE} 7E`, `${WORKED_EXAMPLE.slice(0, -1)}8 7E`]);
    expect(lines).toEqual([
      expect.objectContaining({ serial: 12, warnings: ['a stray 7E after the CRC was ignored'] }),
      { error: 'CRC mismatch: frame has 8398, computed 8397' },
    ]);
    expect(code).toBe(1);
    expect((await run(['decode', `${WORKED_EXAMPLE} 7E 7E`])).lines).toEqual([
      { error: expect.stringContaining('length mismatch') },
    ]);
  });

  it('accepts an F5 group whose length byte is not 24 bytes when its end is unambiguous', async () => {
    const f5 = '01AC 01AD 01AE 01AF 01B0 01B1 01B2 01B3 01B4 01B5 FFFF 01B6';
    const hourly = (group: string) => {
      const body = Buffer.from(
        `0011 260701060036 F1F1 4311240007 4B F0F0 2607010505 ${group} 3812 1287`.replace(/\s+/g, ''),
        'hex',
      );
      return encodeFrame({ ...HOURLY, functionCode: '34' }, body, null, ETX).toString('hex');
    };
    // 12 values declared as 12 bytes (the count of values), and as a plain byte 18 (24); 6 values declared as 12 bytes.
    const { code, lines } = await run([
      'decode',
      hourly(`F560 ${f5}`),
      hourly(`F518 ${f5}`),
      hourly(`F560 ${f5.slice(0, 29)}`),
    ]);
    expect(code).toBe(0);
    const levels = [4.28, 4.29, 4.3, 4.31, 4.32, 4.33, 4.34, 4.35, 4.36, 4.37, null, 4.38];
    expect(lines).toMatchObject([
      {
        observations: [{ elements: { F5: levels, '38': 12.87 } }],
        warnings: ['element F5 declares 12 bytes but holds 24'],
      },
      {
        observations: [{ elements: { F5: levels, '38': 12.87 } }],
        warnings: ['element F5 declares 3 bytes but holds 24'],
      },
      {
        observations: [{ elements: { F5: levels.slice(0, 6), '38': 12.87 } }],
        warnings: ['element F5 holds 6 values, the standard sends 12'],
      },
    ]);
    // An odd length with no unambiguous end is still refused.
    expect((await run(['decode', hourly(`F5C8 ${f5} 00`)])).lines).toEqual([
      { error: 'element F5 declares 25 bytes, not a whole number of 2-byte values followed by the next group' },
    ]);
  });

  it('decodes arguments, one line per frame, exit code 1 when one fails', async () => {
    const { code, lines } = await run(['decode', WORKED_EXAMPLE, 'zz', WORKED_EXAMPLE.slice(0, -1) + '8']);
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.objectContaining({
        serial: 12,
        observations: [
          { observedAt: '2020-07-24T17:23:00+08:00', elements: { '20': 13, '22': 4, '39': 0.55, '38': 12.68 } },
        ],
      }),
      { error: 'input is not an even number of hex digits: "zz"' },
      { error: 'CRC mismatch: frame has 8398, computed 8397' },
    ]);
  });

  it('reads one frame per line from stdin when given no frames', async () => {
    const { code, lines } = await run(['decode'], `${WORKED_EXAMPLE}\n\n${WORKED_EXAMPLE}\n`);
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
  });

  it('prints usage and exits 2 without a command', async () => {
    const { code, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: sl651 decode');
  });
});
