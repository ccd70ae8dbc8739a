import mqtt from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOSQUITTO_URL, reachable, startSystem, type RunningSystem } from '../support/system.js';

interface Reservoir {
  code: string;
  county: string;
  levels: { floodLimitLevel: number; normalLevel: number; designFloodLevel: number; crestElevation: number };
}
interface Alert {
  id: string;
  reservoirCode: string;
  ruleKey: string;
  severity: string;
  state: string;
  event?: string;
}

const mosquittoUp = await reachable(MOSQUITTO_URL);
const brokers = [
  { name: 'the embedded broker', external: false },
  { name: "the machine's Mosquitto", external: true },
];

const until = async <T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe.each(brokers)('ingest and alerts through $name', ({ external }) => {
  let sys: RunningSystem;
  let token: string;
  let publisher: mqtt.MqttClient;
  let reservoirs: Reservoir[];
  const send = (code: string, payload: unknown) =>
    publisher.publishAsync(
      `${sys.topicPrefix}reservoirs/${code}/telemetry`,
      typeof payload === 'string' ? payload : JSON.stringify(payload),
      { qos: 1 },
    );
  const series = async (code: string, sensor: string) =>
    (
      await sys.get<{ points: [string, number][] }>(
        `/api/reservoirs/${code}/series?sensor=${sensor}&from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 600_000).toISOString()}`,
        token,
      )
    ).body.points;

  beforeAll(async () => {
    if (external && !mosquittoUp) return;
    sys = await startSystem(external ? { mqttUrl: MOSQUITTO_URL } : {});
    token = await sys.login();
    publisher = await mqtt.connectAsync(sys.mqttUrl, { clientId: `test-pub-${process.pid}-${external}` });
    reservoirs = (await sys.get<Reservoir[]>('/api/reservoirs', token)).body;
  });
  afterAll(async () => {
    await publisher?.endAsync();
    await sys?.stop();
  });

  it.skipIf(external && !mosquittoUp)(
    'stores good readings, rejects bad input with its reason, keeps running',
    async () => {
      const r = reservoirs[10];
      const ts = new Date(Date.now() - 60_000).toISOString();
      await send(r.code, {
        ts,
        readings: [
          { sensor: 'WL1', value: r.levels.normalLevel - 1 },
          { sensor: 'NOPE1', value: 1 },
          { sensor: 'RG1', value: 'NaN' },
          { sensor: 'RG1', value: 'lots' },
          { sensor: 'BV1', value: 12.6, ts: new Date(Date.now() + 3_600_000).toISOString() },
          { sensor: 'RG1', value: -5 },
        ],
      });
      await send(r.code, '{ not json');
      await send('431102-9999', { ts, readings: [{ sensor: 'WL1', value: 1 }] });
      await send(r.code, { readings: 'nope' });
      const points = await until('the good reading', async () => {
        const p = await series(r.code, 'WL1');
        return p.length ? p : null;
      });
      expect(points).toEqual(
        [[ts.replace(/\.\d+Z$/, (m) => m), r.levels.normalLevel - 1]].map(([t, v]) => [new Date(t).toISOString(), v]),
      );
      const rejects = await until('the rejects', async () => {
        const res = await sys.get<{ reason: string; payload: string }[]>('/api/ingest/rejects?limit=50', token);
        return res.body.length >= 8 ? res.body : null;
      });
      expect(new Set(rejects.map((x) => x.reason))).toEqual(
        new Set([
          'unknown_sensor',
          'not_finite',
          'not_numeric',
          'future_time',
          'out_of_range',
          'malformed_json',
          'unknown_reservoir',
          'bad_shape',
        ]),
      );
      expect(rejects.every((x) => x.payload.length > 0)).toBe(true);
      expect(await series(r.code, 'RG1')).toEqual([]);
    },
  );

  it.skipIf(external && !mosquittoUp)('stores a redelivered message once', async () => {
    const r = reservoirs[11];
    const msg = {
      ts: new Date(Date.now() - 120_000).toISOString(),
      readings: [{ sensor: 'WL1', value: r.levels.normalLevel - 2 }],
    };
    await send(r.code, msg);
    await send(r.code, msg);
    await send(r.code, {
      ts: new Date(Date.now() - 60_000).toISOString(),
      readings: [{ sensor: 'WL1', value: r.levels.normalLevel - 1.5 }],
    });
    const points = await until('both readings', async () => {
      const p = await series(r.code, 'WL1');
      return p.length >= 2 ? p : null;
    });
    expect(points).toHaveLength(2);
  });

  it.skipIf(external && !mosquittoUp)(
    'opens, escalates, pushes, acknowledges and auto-resolves a water-level alert',
    async () => {
      const r = reservoirs[20];
      const received: Alert[] = [];
      const socket: Socket = io(sys.url, { auth: { token }, transports: ['websocket'] });
      socket.on('alert', (a: Alert) => received.push(a));
      await until('socket connection', async () => socket.connected);
      try {
        const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
        await send(r.code, { ts: at(10), readings: [{ sensor: 'WL1', value: r.levels.designFloodLevel + 0.01 }] });
        const opened = await until('alert opened', async () =>
          received.find((a) => a.reservoirCode === r.code && a.ruleKey === 'water_level' && a.event === 'open'),
        );
        expect(opened.severity).toBe('major');
        await send(r.code, { ts: at(8), readings: [{ sensor: 'WL1', value: r.levels.crestElevation - 0.2 }] });
        const escalated = await until('escalation', async () =>
          received.find((a) => a.id === opened.id && a.event === 'escalate'),
        );
        expect(escalated.severity).toBe('critical');
        const open = await sys.get<Alert[]>(`/api/alerts?state=open&reservoir=${r.code}`, token);
        expect(open.body.filter((a) => a.ruleKey === 'water_level')).toHaveLength(1);

        const ack = await sys.post<Alert>(`/api/alerts/${opened.id}/ack`, token, {});
        expect(ack.body.state).toBe('acknowledged');
        await until('ack pushed', async () => received.find((a) => a.id === opened.id && a.event === 'ack'));

        // Back below the flood-limit band: resolved by itself.
        await send(r.code, { ts: at(5), readings: [{ sensor: 'WL1', value: r.levels.floodLimitLevel - 0.5 }] });
        await until('auto-resolve', async () => received.find((a) => a.id === opened.id && a.event === 'resolve'));
        const resolved = await sys.get<Alert[]>(`/api/alerts?state=resolved&reservoir=${r.code}`, token);
        expect(resolved.body.map((a) => a.id)).toContain(opened.id);
      } finally {
        socket.disconnect();
      }
    },
  );

  it.skipIf(external && !mosquittoUp)('needs a note to resolve by hand and records who did what', async () => {
    const r = reservoirs[30];
    await send(r.code, {
      ts: new Date(Date.now() - 60_000).toISOString(),
      readings: [{ sensor: 'WL1', value: r.levels.designFloodLevel + 0.05 }],
    });
    const alert = await until(
      'alert',
      async () => (await sys.get<Alert[]>(`/api/alerts?reservoir=${r.code}&state=open`, token)).body[0],
    );
    expect((await sys.post(`/api/alerts/${alert.id}/resolve`, token, {})).status).toBe(400);
    const done = await sys.post<Alert>(`/api/alerts/${alert.id}/resolve`, token, { note: '开闸泄洪，水位回落' });
    expect(done.body.state).toBe('resolved');
    const history = await sys.get<{ action: string; actor: string }[]>(`/api/alerts/${alert.id}/history`, token);
    expect(history.body.map((h) => [h.action, h.actor])).toEqual([
      ['open', 'system'],
      ['resolve', 'admin'],
    ]);
  });
});
