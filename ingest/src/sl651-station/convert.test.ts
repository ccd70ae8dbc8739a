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
  const now = new Date();

  it('turns the worked example into contract telemetry: PJ since 08:00 around the PN05 of the last 5 minutes', () => {
    const decoded = decodeFrame(Buffer.from(WORKED_EXAMPLE, 'hex'));
    if (!decoded.ok) throw new Error(decoded.error);
    const result = toTelemetry(decoded.value, null, now);
    expect(result).toMatchObject({
      ok: true,
      reservoirCode: '001010-0001',
      topic: 'reservoirs/001010-0001/telemetry',
      payloads: [
        {
          ts: '2020-07-24T17:23:49+08:00',
          readings: [
            { sensor: 'RG1', value: 9, ts: '2020-07-24T17:18:00+08:00' },
            { sensor: 'RG1', value: 4, ts: '2020-07-24T17:23:00+08:00' },
            { sensor: 'WL1', value: 0.55, ts: '2020-07-24T17:23:00+08:00' },
            { sensor: 'BV1', value: 12.68, ts: '2020-07-24T17:23:00+08:00' },
          ],
        },
      ],
    });
    // The station's rain state comes back for its next report.
    expect(result.ok && result.rain.state).toMatchObject({ until: '2020-07-24T09:23:00.000Z', total: 13 });
  });

  it('stores the 5-minute values of F4 rather than PJ or PT of the same report, timed as the standard says', () => {
    const f4 = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1];
    const rainOf = (observedAt: string, sentAt: string) => {
      const message = timedReport({
        functionCode: '34',
        sentAt: at(sentAt),
        observations: [{ observedAt: at(observedAt), elements: { F4: f4, '26': 100.2, '39': 301.2 } }],
      });
      const result = toTelemetry(message, null, now);
      if (!result.ok) throw new Error(result.detail);
      return result.payloads[0].readings.filter((r) => r.sensor === 'RG1');
    };
    // Obs is the first group's end (05:05, sent 06:00 for 05:00–06:00) …
    const standard = rainOf('2026-07-01T05:05:00+08:00', '2026-07-01T06:00:10+08:00');
    expect(standard.map((r) => r.value)).toEqual(f4);
    expect([standard[0].ts, standard[11].ts]).toEqual(['2026-07-01T05:05:00+08:00', '2026-07-01T06:00:00+08:00']);
    // … or, from RTUs that stamp the last group (obs 06:00 sent 06:04), the same times: never after the send time.
    expect(rainOf('2026-07-01T06:00:00+08:00', '2026-07-01T06:04:00+08:00')).toEqual(standard);
  });

  it('prefers the reservoir level 3B over 39 and ignores the downstream level 3A', () => {
    const message = timedReport({
      observations: [{ observedAt: at('2026-07-01T08:00:00+08:00'), elements: { '39': 1, '3B': 2, '3A': 3 } }],
    });
    const result = toTelemetry(message, null, now);
    expect(result.ok && result.payloads[0].readings).toEqual([
      { sensor: 'WL1', value: 2, ts: '2026-07-01T08:00:00+08:00' },
    ]);
  });

  it('drops invalid markers and takes rainfall from the next element when F4 has no value', () => {
    const message = timedReport({
      sentAt: at('2026-07-01T08:00:30+08:00'),
      observations: [
        {
          observedAt: at('2026-07-01T08:00:00+08:00'),
          elements: { F4: Array<null>(12).fill(null), '20': 2.5, '3B': null, '38': 12.1 },
        },
      ],
    });
    const result = toTelemetry(message, null, now);
    expect(result.ok && result.payloads[0].readings.map((r) => [r.sensor, r.value, r.ts])).toEqual([
      ['RG1', 2.5, '2026-07-01T08:00:00+08:00'],
      ['BV1', 12.1, '2026-07-01T08:00:00+08:00'],
    ]);
  });

  it('stores nothing from keep-alives and test reports, and keeps the rain state as it was', () => {
    for (const functionCode of ['2F', '30']) {
      const result = toTelemetry(timedReport({ functionCode }), null, now);
      expect(result).toMatchObject({ ok: true, payloads: [], rain: { state: null, increments: [] } });
    }
  });

  it('rejects addresses that are not a reservoir code and downlink frames', () => {
    expect(toTelemetry(timedReport({ stationAddress: '00431100AB' }), null, now)).toMatchObject({
      ok: false,
      reason: 'bad_station_address',
    });
    expect(toTelemetry(timedReport({ direction: 'down' }), null, now)).toMatchObject({
      ok: false,
      reason: 'bad_frame',
    });
  });

  it('splits long evenly-spaced reports into payloads the pipeline accepts', () => {
    const start = at('2026-07-01T00:00:00+08:00').getTime();
    const observations = Array.from({ length: 1200 }, (_, i) => ({
      observedAt: new Date(start + i * 60_000),
      elements: { '3B': 300 + i / 1000 },
    }));
    const result = toTelemetry(timedReport({ functionCode: '31', timeStepMinutes: 1, observations }), null, now);
    if (!result.ok) throw new Error(result.detail);
    expect(result.payloads.map((p) => p.readings.length)).toEqual([
      MAX_READINGS_PER_PAYLOAD,
      MAX_READINGS_PER_PAYLOAD,
      200,
    ]);
    for (const p of result.payloads) expect(JSON.stringify(p).length).toBeLessThan(64 * 1024);
  });
});
