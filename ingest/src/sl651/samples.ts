import { Random } from '@yz/domain';
import type { Encoding, Message } from './types.js';

/** The domain's seeded generator as a function, so generated frames are the same on every run. */
export function createRng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

/** An uplink timed report of reservoir 431124-0007's RTU, with `fields` replaced: the base of hand-made test messages. */
export function uplinkReport(fields: Partial<Message>): Message {
  return {
    encoding: 'hex',
    direction: 'up',
    centralAddress: 1,
    stationAddress: '4311240007',
    password: '1234',
    functionCode: '32',
    serial: 7,
    sentAt: new Date(0),
    stationType: '4B',
    timeStepMinutes: null,
    observations: [],
    ...fields,
  };
}

const START = Date.parse('2026-07-01T06:00:00+08:00');
const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * A realistic mix of reservoir-station uplink messages for tests and the benchmark: timed (32), hourly (34),
 * added (33), test (30), evenly-spaced (31) reports and keep-alives (2F), mostly HEX, some ASCII.
 */
export function sampleMessages(count: number, seed = 1): Message[] {
  const rng = createRng(seed);
  const pick = (n: number): number => Math.floor(rng() * n);
  const rain = (): number => (rng() < 0.6 ? 0 : round(rng() * 20, 1));
  const level = (): number => round(300 + rng() * 15, 3);
  return Array.from({ length: count }, (_, i) => {
    const observedAt = new Date(START + i * 300_000);
    const roll = rng();
    const encoding: Encoding = roll < 0.05 ? 'ascii' : 'hex';
    const functionCode =
      roll < 0.45 ? '32' : roll < 0.7 ? '34' : roll < 0.8 ? '33' : roll < 0.9 ? '2F' : roll < 0.95 ? '31' : '30';
    const base = {
      encoding,
      direction: 'up' as const,
      centralAddress: 1,
      stationAddress: `00${String(43110000 + pick(1290)).padStart(8, '0')}`,
      password: '1234',
      functionCode,
      serial: pick(65536),
      sentAt: new Date(observedAt.getTime() + 36_000),
      stationType: functionCode === '2F' ? null : '4B',
      timeStepMinutes: null,
    };
    switch (functionCode) {
      case '2F':
        return { ...base, observations: [] };
      case '31':
        return {
          ...base,
          timeStepMinutes: 5,
          observations: Array.from({ length: 12 }, (_, k) => ({
            observedAt: new Date(observedAt.getTime() + k * 300_000),
            elements: { '3B': level() },
          })),
        };
      case '34':
        return {
          ...base,
          observations: [
            {
              observedAt,
              elements: {
                F4: Array.from({ length: 12 }, () => (rng() < 0.02 ? null : round(rng() * 3, 1))),
                '26': round(1000 + rng() * 500, 1),
                F5: Array.from({ length: 12 }, () => round(rng() * 8, 2)),
                '38': round(12 + rng(), 2),
              },
            },
          ],
        };
      case '33':
        return {
          ...base,
          observations: [{ observedAt, elements: { '3B': level(), '20': rain(), '38': round(11.5 + rng(), 2) } }],
        };
      default:
        return {
          ...base,
          observations: [
            {
              observedAt,
              elements: {
                '20': rain(),
                '26': round(1000 + rng() * 500, 1),
                '3B': level(),
                '38': round(12 + rng(), 2),
                '45': (pick(256) & 0xc7).toString(16).toUpperCase().padStart(8, '0'),
              },
            },
          ],
        };
    }
  });
}
