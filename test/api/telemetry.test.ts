import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';

const HOUR = 3_600_000;
type Points = { bucket: string; points: [string, number][] };

describe('telemetry series, rollups, station health and restart on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yz-restart-'));
  let sys: RunningSystem;
  let token: string;
  let code: string;
  // Whole hours, 47 h back to 1 h back: a reading at hh:10 and at hh:40 of each hour.
  const top = Math.floor(Date.now() / HOUR) * HOUR;
  const hours = Array.from({ length: 47 }, (_, i) => top - (47 - i) * HOUR);

  beforeAll(async () => {
    sys = await startSystem({ dataDir });
    token = await sys.login();
    code = (await sys.get<{ code: string }[]>('/api/reservoirs?county=431126', token)).body[0].code;
    const client = await mqtt.connectAsync(sys.mqttUrl);
    for (const h of hours) {
      await client.publishAsync(
        `reservoirs/${code}/telemetry`,
        JSON.stringify({
          readings: [
            { sensor: 'WL1', value: 100 + h / HOUR - hours[0] / HOUR, ts: new Date(h + 10 * 60_000).toISOString() },
            { sensor: 'WL1', value: 100.5 + h / HOUR - hours[0] / HOUR, ts: new Date(h + 40 * 60_000).toISOString() },
            { sensor: 'RG1', value: 1.5, ts: new Date(h + 10 * 60_000).toISOString() },
            { sensor: 'RG1', value: 2, ts: new Date(h + 40 * 60_000).toISOString() },
            // The hourly report proper: its newest reading sits on the slot (the hour's end).
            { sensor: 'BV1', value: 12.8, ts: new Date(h + HOUR).toISOString() },
          ],
        }),
        { qos: 1 },
      );
    }
    await client.endAsync();
  });
  afterAll(async () => {
    await sys?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const series = (sensor: string, from: number, to: number, bucket?: string) =>
    sys.get<Points>(
      `/api/reservoirs/${code}/series?sensor=${sensor}&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}${bucket ? `&bucket=${bucket}` : ''}`,
      token,
    );

  it('returns raw readings for a short range', async () => {
    const res = await series('WL1', hours[0], top);
    expect(res.body.bucket).toBe('raw');
    expect(res.body.points).toHaveLength(94);
    expect(res.body.points[0]).toEqual([new Date(hours[0] + 10 * 60_000).toISOString(), 100]);
  });

  it('sums rainfall and keeps the last water level per hour from the rollup', async () => {
    const rain = await series('RG1', hours[0], top, '1h');
    expect(rain.body.points).toHaveLength(47);
    expect(rain.body.points.every(([, v]) => v === 3.5)).toBe(true);
    const level = await series('WL1', hours[0], top, '1h');
    expect(level.body.points[0]).toEqual([new Date(hours[0]).toISOString(), 100.5]);
    const daily = await series('RG1', top - 10 * 24 * HOUR, top);
    expect(daily.body.bucket).toBe('1h');
    expect(daily.body.points.reduce((s, [, v]) => s + v, 0)).toBeCloseTo(47 * 3.5, 6);
  });

  it('gives rainfall accumulations over the last 1, 3, 6, 12 and 24 clock hours and the day since 08:00', async () => {
    const res = await sys.get<{ rain: Record<'h1' | 'h3' | 'h6' | 'h12' | 'h24' | 'day', number | null> }>(
      `/api/reservoirs/${code}`,
      token,
    );
    const hourNow = Math.floor(Date.now() / HOUR) * HOUR;
    const over = (n: number) => {
      const hoursWithRain = hours.filter((h) => h >= hourNow - (n - 1) * HOUR).length;
      return hoursWithRain ? hoursWithRain * 3.5 : null;
    };
    // The hydrological day started at the latest 08:00 Beijing time (00:00 UTC).
    const dayStart = Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR;
    const today = hours.filter((h) => h >= dayStart).length;
    expect(res.body.rain).toEqual({
      h1: over(1),
      h3: over(3),
      h6: over(6),
      h12: over(12),
      h24: over(24),
      day: today ? today * 3.5 : null,
    });
    const list = await sys.get<{ code: string; rain: { h24: number | null } }[]>(
      '/api/reservoirs?county=431126',
      token,
    );
    expect(list.body.find((r) => r.code === code)!.rain.h24).toBe(over(24));
  });

  it('reports station health: online, 到报率 and 及时率 over the hydrological day, owed since the station was registered', async () => {
    type Rates = { due: number; received: number; timely: number; arrivalRate: number | null };
    type Row = Rates & { code: string; online: boolean; monitoredSince: string | null };
    const health = () =>
      sys.get<{
        date: string;
        from: string;
        to: string;
        total: Rates & { stations: number };
        stations: Row[];
      }>('/api/stations/health?county=431126', token);
    // A station's last report is written off the acknowledged commit, within a second of its readings.
    await expect
      .poll(async () => (await health()).body.stations.find((s) => s.code === `${code}-RW`)?.online)
      .toBe(true);
    const res = await health();
    expect(res.status).toBe(200);
    const station = res.body.stations.find((s) => s.code === `${code}-RW`)!;
    // The station was registered as the system first started, just before the 47 hours were published into the past.
    const since = Date.parse(station.monitoredSince!);
    expect(since).toBeGreaterThan(hours[0]);
    expect(since).toBeLessThanOrEqual(Date.now());
    // A slot is owed once its period has ended after the station's registration, and judged 10 minutes later.
    const from = Math.max(Date.parse(res.body.from), since);
    const until = Math.min(Date.parse(res.body.to), Date.now() - 10 * 60_000);
    const slots = hours.map((h) => h + HOUR).filter((slot) => slot > from && slot <= until);
    expect(station.due).toBe(Math.max(0, Math.floor(until / HOUR) - Math.floor(from / HOUR)));
    expect(station.received).toBe(slots.length);
    expect(station.timely).toBeLessThanOrEqual(Math.min(1, slots.length));
    expect(res.body.stations.filter((s) => s.code !== `${code}-RW`).every((s) => s.received === 0)).toBe(true);
    // Named by the date it starts: 08:00 Beijing on `date` is 00:00 UTC.
    expect(res.body.from).toBe(`${res.body.date}T00:00:00.000Z`);
    // Yesterday, before the station existed: its published hours are history, not a day of late reports.
    const yesterday = new Date(Date.parse(res.body.from) - 24 * HOUR).toISOString().slice(0, 10);
    const closed = await sys.get<{ stations: Row[] }>(`/api/stations/health?county=431126&date=${yesterday}`, token);
    const before = closed.body.stations.find((s) => s.code === `${code}-RW`)!;
    expect([before.due, before.received, before.timely, before.arrivalRate]).toEqual([0, 0, 0, null]);
    expect((await sys.get('/api/stations/health?date=2026-13-01', token)).status).toBe(400);
    expect((await sys.get('/api/stations/health?date=2026-02-30', token)).status).toBe(400);
  });

  it('stops cleanly on SIGTERM and keeps the data across a restart', async () => {
    expect(await sys.stop()).toBe(0);
    sys = await startSystem({ dataDir });
    token = await sys.login();
    const res = await series('WL1', hours[0], top);
    expect(res.body.points).toHaveLength(94);
    expect((await sys.get<unknown[]>('/api/reservoirs', token)).body).toHaveLength(1294);
  });
});
