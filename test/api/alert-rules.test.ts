import mqtt from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes.js';
import { startSystem, type RunningSystem } from '../support/system.js';

interface Reservoir {
  code: string;
  county: string;
  levels: { floodLimitLevel: number; normalLevel: number; designFloodLevel: number };
}
interface Alert {
  id: string;
  reservoirCode: string;
  county: string;
  ruleKey: string;
  severity: string;
  state: string;
  event?: string;
}

describe('alert rules: flood season, overrides, offline stations, area-scoped push', () => {
  let sys: RunningSystem;
  let admin: string;
  let reservoirs: Reservoir[];
  let publisher: mqtt.MqttClient;
  const send = (code: string, ts: string, readings: { sensor: string; value: number }[]) =>
    publisher.publishAsync(`reservoirs/${code}/telemetry`, JSON.stringify({ ts, readings }), { qos: 1 });
  const alertsOf = async (code: string, state = 'open') =>
    (await sys.get<Alert[]>(`/api/alerts?state=${state}&reservoir=${code}`, admin)).body;

  beforeAll(async () => {
    sys = await startSystem({ env: { OFFLINE_SWEEP_SECONDS: '1' } });
    admin = await sys.login();
    reservoirs = (await sys.get<Reservoir[]>('/api/reservoirs', admin)).body;
    publisher = await mqtt.connectAsync(sys.mqttUrl);
  });
  afterAll(async () => {
    await publisher?.endAsync();
    await sys?.stop();
  });

  it('judges the same level by the season: above the flood-limit level counts only from April to September', async () => {
    const [summer, winter] = reservoirs.filter((r) => r.levels.floodLimitLevel < r.levels.normalLevel - 0.3);
    const between = (r: Reservoir) => (r.levels.floodLimitLevel + r.levels.normalLevel) / 2;
    await send(summer.code, '2026-07-15T08:00:00+08:00', [{ sensor: 'WL1', value: between(summer) }]);
    await send(winter.code, new Date(Date.now() - 60_000).toISOString(), [{ sensor: 'WL1', value: between(winter) }]);
    // (A July reading is months old, so the station is also reported offline: only the level alert matters here.)
    const [opened] = await waitFor('the flood-season alert', async () => {
      const open = (await alertsOf(summer.code)).filter((a) => a.ruleKey === 'water_level');
      return open.length ? open : null;
    });
    expect(opened).toMatchObject({ ruleKey: 'water_level', severity: 'warning' });
    // Ingest judges in order: once a later reading's alert exists, the winter reading has been judged too.
    const sentinel = reservoirs[5];
    await send(sentinel.code, new Date(Date.now() - 30_000).toISOString(), [
      { sensor: 'WL1', value: sentinel.levels.designFloodLevel + 0.01 },
    ]);
    await waitFor('the sentinel alert', async () => (await alertsOf(sentinel.code)).length > 0);
    expect(await alertsOf(winter.code)).toEqual([]);
  });

  it('lets an engineer override a rule, validates it and applies it', async () => {
    const r = reservoirs[40];
    const bad = await sys.put<{ message: string[] }>(`/api/reservoirs/${r.code}/alert-rules`, admin, {
      waterLevel: { major: r.levels.floodLimitLevel - 5 },
      waterLevelRise: { ratePerHour: -1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message.join(' ')).toMatch(/ratePerHour/);
    // Warn half a metre below the flood-limit level at this reservoir, all year round.
    const warnAt = r.levels.floodLimitLevel - 0.5;
    const ok = await sys.put<{ effective: { waterLevel: { offSeasonWarning: number } } }>(
      `/api/reservoirs/${r.code}/alert-rules`,
      admin,
      { waterLevel: { floodSeasonWarning: warnAt, offSeasonWarning: warnAt } },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.effective.waterLevel.offSeasonWarning).toBe(warnAt);
    await send(r.code, new Date(Date.now() - 60_000).toISOString(), [{ sensor: 'WL1', value: warnAt + 0.05 }]);
    const [alert] = await waitFor('the overridden alert', async () => {
      const open = await alertsOf(r.code);
      return open.length ? open : null;
    });
    expect(alert).toMatchObject({ ruleKey: 'water_level', severity: 'warning' });
  });

  it('opens an offline alert for a silent station and resolves it when the station reports again', async () => {
    const r = reservoirs[60];
    await send(r.code, new Date(Date.now() - 3 * 3_600_000).toISOString(), [{ sensor: 'BV1', value: 12.8 }]);
    await waitFor('offline alert', async () => (await alertsOf(r.code)).some((a) => a.ruleKey.startsWith('offline:')));
    await send(r.code, new Date(Date.now() - 10_000).toISOString(), [{ sensor: 'BV1', value: 12.8 }]);
    await waitFor('offline resolved', async () =>
      (await alertsOf(r.code, 'resolved')).some((a) => a.ruleKey.startsWith('offline:')),
    );
  });

  it('says a station is online or offline on every page by its reservoir’s offline rule, as the alert does', async () => {
    const [tuned, plain] = [reservoirs[70], reservoirs[71]];
    const put = await sys.put(`/api/reservoirs/${tuned.code}/alert-rules`, admin, { station: { offlineIntervals: 3 } });
    expect(put.status).toBe(200);
    // Both rain stations last heard from 2.5 hours ago: offline after 2 hourly intervals, not after 3.
    const ts = new Date(Date.now() - 2.5 * 3_600_000).toISOString();
    for (const r of [tuned, plain]) await send(r.code, ts, [{ sensor: 'BV1', value: 12.8 }]);
    const onReservoirPage = async (code: string) =>
      (
        await sys.get<{ stations: { code: string; online: boolean; lastReportAt: string | null }[] }>(
          `/api/reservoirs/${code}`,
          admin,
        )
      ).body.stations.find((s) => s.code === `${code}-RW`)!;
    await waitFor('both last reports', async () =>
      (await Promise.all([tuned, plain].map((r) => onReservoirPage(r.code)))).every((s) => s.lastReportAt === ts),
    );
    const health = (await sys.get<{ stations: { code: string; online: boolean }[] }>('/api/stations/health', admin))
      .body.stations;
    const onStationsPage = (code: string) => health.find((s) => s.code === `${code}-RW`)!.online;
    expect([(await onReservoirPage(tuned.code)).online, onStationsPage(tuned.code)]).toEqual([true, true]);
    expect([(await onReservoirPage(plain.code)).online, onStationsPage(plain.code)]).toEqual([false, false]);
    await waitFor('the plain one’s offline alert', async () =>
      (await alertsOf(plain.code)).some((a) => a.ruleKey === `offline:${plain.code}-RW`),
    );
    expect((await alertsOf(tuned.code)).filter((a) => a.ruleKey.startsWith('offline:'))).toEqual([]);
  });

  it('judges each station on its own: a dead dam-safety station is flagged while its rain station reports', async () => {
    const r = (await sys.get<(Reservoir & { damSafetyMonitoring: boolean })[]>('/api/reservoirs', admin)).body.filter(
      (x) => x.damSafetyMonitoring,
    )[7];
    const { sensors } = (
      await sys.get<{ sensors: { code: string; station: string }[] }>(`/api/reservoirs/${r.code}`, admin)
    ).body;
    const damSensor = sensors.find((x) => x.station === `${r.code}-DS`)!;
    await send(r.code, new Date(Date.now() - 3 * 3_600_000).toISOString(), [{ sensor: damSensor.code, value: 1 }]);
    await send(r.code, new Date(Date.now() - 10_000).toISOString(), [{ sensor: 'BV1', value: 12.8 }]);
    await waitFor('the dam-safety station offline', async () =>
      (await alertsOf(r.code)).some((a) => a.ruleKey === `offline:${r.code}-DS`),
    );
    expect((await alertsOf(r.code)).filter((a) => a.ruleKey === `offline:${r.code}-RW`)).toEqual([]);
  });

  it("never pushes another area's alert to an area-scoped client", async () => {
    const [mine, theirs] = ['431127', '431128'].map((county) => reservoirs.find((r) => r.county === county)!);
    const created = await sys.post('/api/users', admin, {
      username: 'lanshan-duty',
      displayName: '蓝山值班员',
      password: 'lanshan-pass-1',
      role: 'duty_officer',
      areaCode: mine.county,
    });
    expect(created.status).toBe(201);
    const received: Alert[] = [];
    const socket: Socket = io(sys.url, {
      auth: { token: await sys.login('lanshan-duty', 'lanshan-pass-1') },
      transports: ['websocket'],
    });
    socket.on('alert', (a: Alert) => received.push(a));
    try {
      await waitFor('socket connected', async () => socket.connected);
      const ts = new Date(Date.now() - 20_000).toISOString();
      await send(theirs.code, ts, [{ sensor: 'WL1', value: theirs.levels.designFloodLevel + 0.02 }]);
      await send(mine.code, ts, [{ sensor: 'WL1', value: mine.levels.designFloodLevel + 0.02 }]);
      await waitFor('own area alert', async () => received.some((a) => a.reservoirCode === mine.code));
      expect((await alertsOf(theirs.code)).length).toBeGreaterThan(0);
      expect(received.every((a) => a.county === mine.county)).toBe(true);
    } finally {
      socket.disconnect();
    }
  });

  it('pushes to a client watching one reservoir only that reservoir, and refuses one out of scope', async () => {
    const [watched, other] = [reservoirs[80], reservoirs[81]];
    const received: Alert[] = [];
    const socket: Socket = io(sys.url, { auth: { token: admin, reservoir: watched.code }, transports: ['websocket'] });
    socket.on('alert', (a: Alert) => received.push(a));
    try {
      await waitFor('socket connected', async () => socket.connected);
      const ts = new Date(Date.now() - 15_000).toISOString();
      await send(other.code, ts, [{ sensor: 'WL1', value: other.levels.designFloodLevel + 0.02 }]);
      await send(watched.code, ts, [{ sensor: 'WL1', value: watched.levels.designFloodLevel + 0.02 }]);
      await waitFor('the watched alert', async () => received.some((a) => a.reservoirCode === watched.code));
      expect((await alertsOf(other.code)).length).toBeGreaterThan(0);
      expect(received.every((a) => a.reservoirCode === watched.code)).toBe(true);
    } finally {
      socket.disconnect();
    }
    const scoped = await sys.login('lanshan-duty', 'lanshan-pass-1');
    const foreign = reservoirs.find((r) => r.county !== '431127')!;
    const refused: Socket = io(sys.url, {
      auth: { token: scoped, reservoir: foreign.code },
      transports: ['websocket'],
    });
    try {
      await waitFor('refused', async () => refused.disconnected && !refused.active);
    } finally {
      refused.disconnect();
    }
  });

  it('has a storm switch only where stations are simulated, for engineers', async () => {
    const res = await sys.post<{ message: string }>('/api/simulation/storm', admin, {});
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/SIMULATE=0/);
    const bad = await sys.post('/api/simulation/storm', admin, { lon: 200, lat: 26 });
    expect(bad.status).toBe(400);
  });
});
