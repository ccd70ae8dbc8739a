// The routes the duty desk and the dashboard's buttons use: the caller's permissions, bulk acknowledge with one note
// (each alert checked on its own), the notification log of an alert, and the storm drill's status.

import mqtt from 'mqtt';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';

interface Reservoir {
  code: string;
  levels: { designFloodLevel: number };
}
interface Alert {
  id: string;
  reservoirCode: string;
  state: string;
  drill: boolean;
}
interface Notification {
  recipient: string;
  personRole: string;
  channel: string;
  delivered: boolean;
  escalated: boolean;
  text: string;
}

let sys: RunningSystem;
let admin: string;
let gateway: Server;
let reservoirs: Reservoir[];

async function login(username: string, role: string): Promise<string> {
  const password = `pass-${username}-1234`;
  const created = await sys.post('/api/users', admin, { username, displayName: username, password, role });
  expect(created.status).toBe(201);
  const res = await sys.post<{ accessToken: string }>('/api/auth/login', null, { username, password });
  return res.body.accessToken;
}

describe('duty desk routes', () => {
  beforeAll(async () => {
    // An SMS gateway stand-in that accepts every message.
    gateway = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const { port } = gateway.address() as { port: number };
    sys = await startSystem({ env: { NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${port}/sms` } });
    admin = await sys.login();
    reservoirs = (await sys.get<Reservoir[]>('/api/reservoirs', admin)).body.slice(0, 2);
    const client = await mqtt.connectAsync(sys.mqttUrl);
    for (const r of reservoirs) {
      const level = Number((r.levels.designFloodLevel + 0.05).toFixed(2));
      await client.publishAsync(
        `reservoirs/${r.code}/telemetry`,
        JSON.stringify({ ts: new Date().toISOString(), readings: [{ sensor: 'WL1', value: level }] }),
        { qos: 1 },
      );
    }
    await client.endAsync();
  }, 120_000);

  afterAll(async () => {
    await sys?.stop();
    gateway?.close();
  });

  const openOfTargets = async () =>
    (await sys.get<Alert[]>('/api/alerts?state=open', admin)).body.filter((a) =>
      reservoirs.some((r) => r.code === a.reservoirCode),
    );

  it('tells each role what it may do', async () => {
    const me = await sys.get<{ role: string; permissions: string[] }>('/api/auth/me', admin);
    expect(me.body.permissions).toEqual(expect.arrayContaining(['alert.handle', 'project.edit', 'users.manage']));
    const officer = await login('officer1', 'duty_officer');
    expect((await sys.get<{ permissions: string[] }>('/api/auth/me', officer)).body.permissions).toEqual([
      'alert.handle',
    ]);
  });

  it('acknowledges several alerts with one note, lists the ones it could not, and refuses a planner', async () => {
    await vi.waitFor(async () => expect((await openOfTargets()).length).toBe(2), { timeout: 30_000, interval: 300 });
    const open = await openOfTargets();
    expect(open.every((a) => a.drill === false)).toBe(true);
    const planner = await login('planner9', 'planner');
    const refused = await sys.post('/api/alerts/ack', planner, { ids: open.map((a) => a.id) });
    expect(refused.status).toBe(403);
    expect((await sys.post('/api/alerts/ack', admin, { ids: ['x'] })).status).toBe(400);
    expect((await sys.post('/api/alerts/ack', admin, { ids: [] })).status).toBe(400);

    const res = await sys.post<{ acknowledged: Alert[]; failed: { id: string; message: string }[] }>(
      '/api/alerts/ack',
      admin,
      { ids: [...open.map((a) => a.id), '999999'], note: '已电话通知巡查员' },
    );
    expect(res.status).toBe(200);
    expect(res.body.acknowledged.map((a) => a.state)).toEqual(['acknowledged', 'acknowledged']);
    for (const a of open) {
      const history = await sys.get<{ action: string; note: string | null }[]>(`/api/alerts/${a.id}/history`, admin);
      expect(history.body).toContainEqual(expect.objectContaining({ action: 'ack', note: '已电话通知巡查员' }));
    }
    expect(res.body.failed).toEqual([{ id: '999999', message: 'No alert 999999' }]);
    // A second time: already acknowledged, said per alert.
    const again = await sys.post<{ failed: { id: string }[] }>('/api/alerts/ack', admin, { ids: [open[0]!.id] });
    expect(again.body.failed.map((f) => f.id)).toEqual([open[0]!.id]);
  });

  it("shows who was told about an alert, when, how and whether it arrived; another area's alert is not found", async () => {
    const [alert] = (await sys.get<Alert[]>('/api/alerts', admin)).body.filter(
      (a) => a.reservoirCode === reservoirs[0]!.code,
    );
    await vi.waitFor(
      async () => {
        const log = await sys.get<Notification[]>(`/api/alerts/${alert!.id}/notifications`, admin);
        expect(log.status).toBe(200);
        expect(log.body.length).toBeGreaterThan(0);
        expect(log.body.every((n) => n.delivered && !n.escalated && n.channel && n.recipient)).toBe(true);
        expect(log.body[0]!.text).toContain('【永州水库预警】');
      },
      { timeout: 30_000, interval: 500 },
    );
    expect((await sys.get('/api/alerts/999999/notifications', admin)).status).toBe(404);
  });

  it('says no drill runs, and that a process without simulated stations cannot start one', async () => {
    const status = await sys.get<{ active: boolean; startedAt: string | null }>('/api/simulation/storm', admin);
    expect(status.body).toMatchObject({ active: false, startedAt: null });
    expect((await sys.post('/api/simulation/storm', admin, { speed: 60 })).status).toBe(404);
    expect((await sys.post('/api/simulation/storm', admin, { speed: 121 })).status).toBe(400);
    expect((await sys.post('/api/simulation/storm', admin, { speed: 0 })).status).toBe(400);
    expect((await sys.post('/api/simulation/storm', admin, { speed: 1.5 })).status).toBe(400);
  });
});
