import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

interface Levels {
  floodLimitLevel: number;
  normalLevel: number;
  designFloodLevel: number;
}
interface Outlook {
  level: number | null;
  inflow: number | null;
  hoursTo: { floodLimit: number | null; designFlood: number | null; crest: number | null } | null;
  criticalRainfall: { floodLimit: number | null };
  restrictedLevel: number | null;
}
interface FloodEvent {
  reservoirCode: string;
  start: string;
  end: string | null;
  peakLevel: number;
  excessStorage: number | null;
  peakDischarge: number | null;
  notified: { name: string } | null;
}

/**
 * A storm published to one ungated reservoir on a July day: the above-flood-limit and spill events it makes (one
 * still open across a restart), the daily report of that hydrological day, and outlooks that shorten as a level rises.
 */
describe('flood foresight on a published storm (embedded database, restart)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yz-flood-'));
  let sys: RunningSystem;
  let token: string;
  let code: string;
  let levels: Levels;
  let limit: number;
  // Every 10 min from 07:00 on 1 July (Beijing), 31 h: rain throughout the first 27 h; the level below the limit,
  // then 0.3 m above both the limit and the crest from 19:00 to 09:00 on 2 July, then well below both.
  const start = Date.parse('2026-07-01T07:00:00+08:00');
  const times = Array.from({ length: 31 * 6 }, (_, i) => start + i * 10 * MIN);
  const rainAt = (i: number) => (times[i] <= start + 27 * HOUR ? 0.5 + (i % 7) * 0.3 : 0);
  const levelAt = (i: number) => {
    const h = (times[i] - start) / HOUR;
    const top = Math.max(limit, levels.normalLevel);
    if (h < 12) return limit - 0.5;
    if (h < 26) return top + 0.3;
    return Math.min(limit, levels.normalLevel) - 0.5;
  };
  // Phase 1 ends at 09:30 on 2 July: the level has been below for 30 min, so both events are still open.
  const phase1 = times.filter((t) => t <= Date.parse('2026-07-02T09:30:00+08:00')).length;

  const publish = async (indices: number[], reading: (i: number) => object[]) => {
    const client = await mqtt.connectAsync(sys.mqttUrl);
    for (const i of indices) {
      await client.publishAsync(`reservoirs/${code}/telemetry`, JSON.stringify({ readings: reading(i) }), { qos: 1 });
    }
    await client.endAsync();
  };
  const storm = (i: number) => [
    { sensor: 'WL1', value: Number(levelAt(i).toFixed(2)), ts: new Date(times[i]).toISOString() },
    { sensor: 'RG1', value: Number(rainAt(i).toFixed(1)), ts: new Date(times[i]).toISOString() },
  ];
  const events = async (kind: 'flood_limit' | 'spill') =>
    (
      await sys.get<FloodEvent[]>(
        `/api/flood-limit-events?from=2026-07-01T00:00:00Z&to=2026-07-03T00:00:00Z&kind=${kind}&reservoir=${code}`,
        token,
      )
    ).body;

  beforeAll(async () => {
    sys = await startSystem({ dataDir });
    token = await sys.login();
    const list = (await sys.get<{ code: string }[]>('/api/reservoirs?county=431124', token)).body;
    for (const r of list) {
      const detail = (await sys.get<{ gatedSpillway: boolean; levels: Levels }>(`/api/reservoirs/${r.code}`, token))
        .body;
      if (!detail.gatedSpillway) {
        code = r.code;
        levels = detail.levels;
        break;
      }
    }
    const outlook = (await sys.get<Outlook>(`/api/reservoirs/${code}/outlook`, token)).body;
    limit = outlook.restrictedLevel ?? levels.floodLimitLevel;
    await publish(
      times.slice(0, phase1).map((_, i) => i),
      storm,
    );
  }, 180_000);

  afterAll(async () => {
    await sys?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens an above-flood-limit event and a spill told to the government person', async () => {
    await expect.poll(() => events('flood_limit'), { timeout: 60_000 }).toHaveLength(1);
    const [event] = await events('flood_limit');
    const top = Math.max(limit, levels.normalLevel);
    expect(event).toMatchObject({ start: '2026-07-01T11:00:00.000Z', end: null });
    expect(event.peakLevel).toBeCloseTo(top + 0.3, 2);
    expect(event.excessStorage).toBeGreaterThan(0);
    await expect.poll(() => events('spill'), { timeout: 60_000 }).toHaveLength(1);
    const [spill] = await events('spill');
    expect(spill.peakDischarge).toBeGreaterThan(0);
    expect(spill.notified).not.toBeNull();
  });

  it('reports the hydrological day: rain totals equal the sums of the series, the reservoir above its limit', async () => {
    const from = Date.parse('2026-07-01T08:00:00+08:00');
    const to = Date.parse('2026-07-02T08:00:00+08:00');
    const expected = times
      .map((t, i) => (t > from && t <= to ? Number(rainAt(i).toFixed(1)) : 0))
      .reduce((a, b) => a + b, 0);
    const report = await sys.get<{
      rainfall: { wettest: { code: string; rainfall: number }[]; areas: { areaCode: string; max: { code: string } }[] };
      aboveLimit: { code: string; excess: number }[];
    }>('/api/reports/daily?date=2026-07-02', token);
    expect(report.status).toBe(200);
    expect(report.body.rainfall.wettest[0]).toMatchObject({ code, rainfall: Number(expected.toFixed(1)) });
    expect(report.body.rainfall.areas.find((a) => a.areaCode === '431124')?.max.code).toBe(code);
    const top = Math.max(limit, levels.normalLevel);
    expect(report.body.aboveLimit).toEqual([
      expect.objectContaining({ code, excess: Number((top + 0.3 - limit).toFixed(2)) }),
    ]);

    const xlsx = await fetch(`${sys.url}/api/reports/daily?date=2026-07-02&format=xlsx`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });

  it("keeps an area-scoped user to the area: another area's outlook is not found, its events and rain not shown", async () => {
    const user = { username: 'flood-lingling', displayName: '零陵值班', password: 'pass-flood-1234' };
    const created = await sys.post('/api/users', token, { ...user, role: 'duty_officer', areaCode: '431102' });
    expect(created.status).toBe(201);
    const other = await sys.login(user.username, user.password);
    expect((await sys.get(`/api/reservoirs/${code}/outlook`, other)).status).toBe(404);
    const seen = await sys.get<FloodEvent[]>(
      '/api/flood-limit-events?from=2026-07-01T00:00:00Z&to=2026-07-03T00:00:00Z',
      other,
    );
    expect(seen.body).toEqual([]);
    const report = await sys.get<{ rainfall: { areas: { areaCode: string }[]; wettest: unknown[] } }>(
      '/api/reports/daily?date=2026-07-02',
      other,
    );
    expect(report.body.rainfall.areas.map((a) => a.areaCode)).toEqual(['431102']);
    expect(report.body.rainfall.wettest).toEqual([]);
  });

  it('refuses nonsense report dates', async () => {
    for (const date of ['1999-12-31', '2026-02-30', '2026-13-01', '2099-01-01', 'yesterday']) {
      expect((await sys.get(`/api/reports/daily?date=${date}`, token)).status, date).toBe(400);
    }
  });

  it('keeps the open events across a restart and closes them an hour after the level fell', async () => {
    const before = await events('flood_limit');
    await sys.stop();
    sys = await startSystem({ dataDir });
    token = await sys.login();
    await publish(
      times.slice(phase1).map((_, i) => phase1 + i),
      storm,
    );
    await expect
      .poll(async () => (await events('flood_limit'))[0]?.end, { timeout: 60_000 })
      .toBe('2026-07-02T01:00:00.000Z');
    expect((await events('flood_limit'))[0].start).toBe(before[0].start);
    await expect.poll(async () => (await events('spill'))[0]?.end, { timeout: 60_000 }).not.toBeNull();
  }, 180_000);

  it('says the hours are not known, not "not within 24 h", when one fresh level cannot tell the inflow', async () => {
    const list = (await sys.get<{ code: string }[]>('/api/reservoirs?county=431124', token)).body;
    const other = list.find((r) => r.code !== code)!.code;
    const client = await mqtt.connectAsync(sys.mqttUrl);
    const reading = { sensor: 'WL1', value: levels.normalLevel - 1, ts: new Date().toISOString() };
    await client.publishAsync(`reservoirs/${other}/telemetry`, JSON.stringify({ readings: [reading] }), { qos: 1 });
    await client.endAsync();
    await expect
      .poll(async () => (await sys.get<Outlook>(`/api/reservoirs/${other}/outlook`, token)).body.level, {
        timeout: 30_000,
      })
      .toBe(reading.value);
    expect((await sys.get<Outlook>(`/api/reservoirs/${other}/outlook`, token)).body).toMatchObject({
      inflow: null,
      hoursTo: null,
    });
    const row = (await sys.get<{ code: string; hoursTo: unknown }[]>('/api/reservoirs?county=431124', token)).body.find(
      (r) => r.code === other,
    );
    expect(row?.hoursTo).toBeNull();
  }, 60_000);

  it('shortens the outlook as the level rises towards the flood limit (the normal pool out of season)', async () => {
    const now = Date.now();
    const recent = Array.from({ length: 16 }, (_, k) => now - (15 - k) * 10 * MIN);
    // Below the spillway crest all along, so nothing flows out and the projection is a plain fill.
    const level = (k: number) => Number((Math.min(limit, levels.normalLevel) - 0.8 + 0.02 * k).toFixed(2));
    const hours: number[] = [];
    for (const chunk of [
      [0, 7],
      [7, 12],
      [12, 16],
    ]) {
      const ks = Array.from({ length: chunk[1] - chunk[0] }, (_, j) => chunk[0] + j);
      await publish(ks, (k) => [{ sensor: 'WL1', value: level(k), ts: new Date(recent[k]).toISOString() }]);
      const last = level(chunk[1] - 1);
      await expect
        .poll(async () => (await sys.get<Outlook>(`/api/reservoirs/${code}/outlook`, token)).body.level, {
          timeout: 30_000,
        })
        .toBe(last);
      const outlook = (await sys.get<Outlook>(`/api/reservoirs/${code}/outlook`, token)).body;
      expect(outlook.inflow).toBeGreaterThan(0);
      hours.push(outlook.hoursTo?.floodLimit ?? Number.NaN);
    }
    expect(hours.every((h) => h > 0)).toBe(true);
    expect(hours[1]).toBeLessThan(hours[0]);
    expect(hours[2]).toBeLessThan(hours[1]);
  }, 120_000);
});
