import { describe, expect, it } from 'vitest';
import type { Reject } from './payload.js';
import { rejectRecords } from './reject-records.js';

const reject = (reason: Reject['reason'], detail: string): Reject => ({ reason, detail });

describe('rejectRecords', () => {
  it('keeps one row per bad part of an ordinary message, each with its reason', () => {
    const rows = rejectRecords('reservoirs/431102-0001/telemetry', '431102-0001', '{}', [
      reject('unknown_sensor', 'NOPE1'),
      reject('not_finite', 'RG1'),
      reject('not_numeric', 'RG1'),
      reject('future_time', 'BV1'),
      reject('out_of_range', 'RG1'),
    ]);
    expect(rows.map((r) => r.reason)).toEqual([
      'unknown_sensor',
      'not_finite',
      'not_numeric',
      'future_time',
      'out_of_range',
    ]);
  });

  it('logs a flood of bad parts as one row per reason with its count, the payload stored once per row', () => {
    const parts = [
      ...Array.from({ length: 2200 }, (_, i) => reject('unknown_sensor', `U${i}`)),
      ...Array.from({ length: 30 }, () => reject('not_numeric', 'RG1')),
    ];
    const rows = rejectRecords('t', null, 'payload', parts);
    expect(rows.map((r) => [r.reason, r.detail])).toEqual([
      ['unknown_sensor', '2200 rejects in one message (unknown_sensor ×2200); first: U0'],
      ['not_numeric', '30 rejects in one message (not_numeric ×30); first: RG1'],
    ]);
  });

  it('stores NUL as text PostgreSQL accepts, and bytes that are not UTF-8 as hex', () => {
    const [row] = rejectRecords('a\0b', null, Buffer.from([0xff, 0x00]), [reject('malformed_json', 'x\0')]);
    expect(row).toMatchObject({ topic: 'a\\u0000b', detail: 'x\\u0000', payload: 'hex:FF00' });
  });
});
