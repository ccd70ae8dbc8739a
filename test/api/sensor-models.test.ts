// HST models end to end: two years of daily readings over MQTT, a fit through the API, then a step that the
// model judges abnormal, pushed over Socket.IO.
import mqtt from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hstInputs, SYNTHETIC_TRUTHS, syntheticInstrument, syntheticReservoir } from '@yz/domain';
import { POSTGRES_URL, reachable, startSystem, type RunningSystem } from '../support/system.js';

interface Reservoir {
  code: string;
  damSafetyMonitoring: boolean;
  levels: { normalLevel: number; crestElevation: number };
  damHeight: number;
  sensors: { code: string; type: string }[];
}
interface Alert {
  reservoirCode: string;
  ruleKey: string;
  severity: string;
  event?: string;
  messageEn?: string;
}

const DAY_MS = 86_400_000;
/**
 * Noon Beijing time `daysAgo` days before the latest noon that has passed: before noon today's is still to come, and
 * ingest refuses readings from the future.
 */
const noon = (daysAgo: number) => {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const latest = Date.parse(`${today}T04:00:00Z`);
  return new Date((latest <= Date.now() ? latest : latest - DAY_MS) - daysAgo * DAY_MS);
};
const day = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('a dam-safety instrument judged by its HST model', () => {
  let sys: RunningSystem;
  let token: string;
  let publisher: mqtt.MqttClient;
  let reservoir: Reservoir;
  let sensor: string;

  beforeAll(async () => {
    // PostgreSQL when it runs (quicker to start than the embedded database), else the embedded one.
    sys = await startSystem((await reachable(POSTGRES_URL)) ? { postgresUrl: POSTGRES_URL } : {});
    token = await sys.login();
    publisher = await mqtt.connectAsync(sys.mqttUrl, { clientId: `test-hst-${process.pid}` });
    const list = (await sys.get<Reservoir[]>('/api/reservoirs', token)).body;
    const code = list.find((r) => r.damSafetyMonitoring)!.code;
    reservoir = (await sys.get<Reservoir>(`/api/reservoirs/${code}`, token)).body;
    sensor = reservoir.sensors.find((s) => s.type === 'seepage_pressure')!.code;
  });
  afterAll(async () => {
    await publisher?.endAsync();
    await sys?.stop();
  });

  it('fits on two years of daily readings, then pushes an alert when the instrument steps off its model', async () => {
    const base = reservoir.levels.crestElevation - reservoir.damHeight;
    const head = reservoir.levels.normalLevel - base;
    const days = 740;
    const first = noon(days);
    const { level } = syntheticReservoir({ seed: 7, start: day(first), days: days + 1, base, head });
    const inputs = hstInputs(base, level);
    const { truth, noise } = SYNTHETIC_TRUTHS.seepage_pressure;
    const values = syntheticInstrument({ seed: 8, inputs, truth, from: day(first), days: days + 1, noise });
    // The first days have no instrument value (the level's lag windows are still filling).
    const valueOn = new Map(values.map((v) => [v.day, v.value]));
    const send = (i: number, value: number | undefined) =>
      publisher.publishAsync(
        `reservoirs/${reservoir.code}/telemetry`,
        JSON.stringify({
          ts: new Date(first.getTime() + i * DAY_MS).toISOString(),
          readings: [{ sensor: 'WL1', value: level[i].value }, ...(value === undefined ? [] : [{ sensor, value }])],
        }),
        { qos: 1 },
      );
    // Every day up to yesterday.
    for (let i = 0; i < days; i++) await send(i, valueOn.get(level[i].day));

    const path = `/api/reservoirs/${reservoir.code}/sensors/${sensor}/model`;
    await vi.waitFor(
      async () => {
        const points = await sys.get<{ points: unknown[] }>(
          `/api/reservoirs/${reservoir.code}/series?sensor=${sensor}&bucket=1d&from=${noon(30).toISOString()}`,
          token,
        );
        expect(points.body.points.length).toBeGreaterThanOrEqual(30);
      },
      { timeout: 60_000, interval: 500 },
    );
    expect((await sys.get<{ reason: string }>(path, token)).body.reason).toBe('not-fitted');
    const fit = await sys.post<{ kind: string; r2: number; sigma: number; n: number; terms: Record<string, number> }>(
      `${path}/fit`,
      token,
      {},
    );
    expect(fit.status).toBe(200);
    expect(fit.body).toMatchObject({ kind: 'hst' });
    expect(fit.body.n).toBeGreaterThan(700);
    expect(fit.body.r2).toBeGreaterThan(0.9);
    expect(fit.body.sigma).toBeLessThan(3 * noise);
    expect((await sys.get(path, token)).body).toEqual(fit.body);

    const withModel = await sys.get<{ points: unknown[]; expected: (number | null)[]; residual: (number | null)[] }>(
      `/api/reservoirs/${reservoir.code}/series?sensor=${sensor}&bucket=1d&from=${noon(30).toISOString()}&model=1`,
      token,
    );
    expect(withModel.body.expected).toHaveLength(withModel.body.points.length);
    expect(
      withModel.body.residual.filter((r) => r !== null && Math.abs(r) < 5 * fit.body.sigma).length,
    ).toBeGreaterThan(20);

    // Today the piezometer reads 30σ above what the level explains: far below any fixed threshold's concern.
    const received: Alert[] = [];
    const socket: Socket = io(sys.url, { auth: { token }, transports: ['websocket'] });
    socket.on('alert', (a: Alert) => received.push(a));
    try {
      await vi.waitFor(() => expect(socket.connected).toBe(true));
      await send(days, valueOn.get(level[days].day)! + 30 * fit.body.sigma);
      await vi.waitFor(
        () =>
          expect(
            received.find((a) => a.ruleKey === `model:${sensor}` && a.reservoirCode === reservoir.code),
          ).toMatchObject({ severity: 'major', event: 'open' }),
        { timeout: 30_000, interval: 200 },
      );
    } finally {
      socket.disconnect();
    }
  }, 240_000);
});
