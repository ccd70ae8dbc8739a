import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../sl651/index.js';
import { reservoirCodeOf, stationAddressOf } from './address.js';
import { MAX_READINGS_PER_PAYLOAD, toTelemetry } from './convert.js';
import { timedReport } from './test-support.js';

const WORKED_EXAMPLE =
  '7E7E010010100001A00032002B02000C200724172349F1F1001010000148F0F020072417232019000130221900004039230000055038121268038397';
const at = (iso: string) => new Date(iso);

describe('station address ↔ reservoir code', () => {
  it('is the code without its dash', () => {
    expect(reservoirCodeOf('4311240007')).toBe('431124-0007');
    expect(stationAddressOf('431124-0007')).toBe('4311240007');
    expect(reservoirCodeOf('00431100AB')).toBeNull();
  });
});

describe('toTelemetry', () => {
  it('turns the worked example into contract telemetry, PJ chosen over PN05', () => {
    const decoded = decodeFrame(Buffer.from(WORKED_EXAMPLE, 'hex'));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(toTelemetry(decoded.value)).toEqual({
      ok: true,
      reservoirCode: '001010-0001',
      topic: 'reservoirs/001010-0001/telemetry',
      payloads: [
        {
          ts: '2020-07-24T17:23:49+08:00',
          readings: [
            { sensor: 'RG1', value: 13, ts: '2020-07-24T17:23:00+08:00' },
            { sensor: 'WL1', value: 0.55, ts: '2020-07-24T17:23:00+08:00' },
            { sensor: 'BV1', value: 12.68, ts: '2020-07-24T17:23:00+08:00' },
          ],
        },
      ],
    });
  });

  it('takes rainfall from the F4 array alone, as 5-minute readings ending at the observation time', () => {
    const f4 = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1];
    const message = timedReport({
      functionCode: '34',
      observations: [
        { observedAt: at('2026-07-01T08:00:00+08:00'), elements: { F4: f4, '20': 6.6, '26': 100.2, '39': 301.2 } },
      ],
    });
    const result = toTelemetry(message);
    if (!result.ok) throw new Error(result.detail);
    const rain = result.payloads[0].readings.filter((r) => r.sensor === 'RG1');
    expect(rain).toHaveLength(12);
    expect(rain[0]).toEqual({ sensor: 'RG1', value: 0, ts: '2026-07-01T07:05:00+08:00' });
    expect(rain[11]).toEqual({ sensor: 'RG1', value: 1.1, ts: '2026-07-01T08:00:00+08:00' });
    expect(result.payloads[0].readings.filter((r) => r.sensor === 'WL1')).toEqual([
      { sensor: 'WL1', value: 301.2, ts: '2026-07-01T08:00:00+08:00' },
    ]);
  });

  it('prefers the reservoir level 3B over 39 and ignores the downstream level 3A', () => {
    const message = timedReport({
      observations: [{ observedAt: at('2026-07-01T08:00:00+08:00'), elements: { '39': 1, '3B': 2, '3A': 3 } }],
    });
    const result = toTelemetry(message);
    expect(result.ok && result.payloads[0].readings).toEqual([
      { sensor: 'WL1', value: 2, ts: '2026-07-01T08:00:00+08:00' },
    ]);
  });

  it('drops invalid markers and falls back when the preferred rainfall element has no value', () => {
    const message = timedReport({
      observations: [
        {
          observedAt: at('2026-07-01T08:00:00+08:00'),
          elements: { F4: Array<null>(12).fill(null), '20': 2.5, '3B': null, '38': 12.1 },
        },
      ],
    });
    const result = toTelemetry(message);
    expect(result.ok && result.payloads[0].readings.map((r) => [r.sensor, r.value])).toEqual([
      ['RG1', 2.5],
      ['BV1', 12.1],
    ]);
  });

  it('stores nothing from keep-alives and test reports', () => {
    for (const functionCode of ['2F', '30']) {
      const result = toTelemetry(timedReport({ functionCode }));
      expect(result).toMatchObject({ ok: true, payloads: [] });
    }
  });

  it('rejects addresses that are not a reservoir code and downlink frames', () => {
    expect(toTelemetry(timedReport({ stationAddress: '00431100AB' }))).toMatchObject({
      ok: false,
      reason: 'bad_station_address',
    });
    expect(toTelemetry(timedReport({ direction: 'down' }))).toMatchObject({ ok: false, reason: 'bad_frame' });
  });

  it('splits long evenly-spaced reports into payloads the pipeline accepts', () => {
    const start = at('2026-07-01T00:00:00+08:00').getTime();
    const observations = Array.from({ length: 1200 }, (_, i) => ({
      observedAt: new Date(start + i * 60_000),
      elements: { '3B': 300 + i / 1000 },
    }));
    const result = toTelemetry(timedReport({ functionCode: '31', timeStepMinutes: 1, observations }));
    if (!result.ok) throw new Error(result.detail);
    expect(result.payloads.map((p) => p.readings.length)).toEqual([
      MAX_READINGS_PER_PAYLOAD,
      MAX_READINGS_PER_PAYLOAD,
      200,
    ]);
    for (const p of result.payloads) expect(JSON.stringify(p).length).toBeLessThan(64 * 1024);
  });
});
