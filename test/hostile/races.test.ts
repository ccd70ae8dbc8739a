import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes.js';
import { POSTGRES_URL, reachable, startSystem, type RunningSystem } from '../support/system.js';

const pgUp = await reachable(POSTGRES_URL);
const TIMES = 20;

/** Concurrent state changes on a server database (a pool of connections): each change happens once. */
describe.skipIf(!pgUp)('concurrent state changes on PostgreSQL', () => {
  let sys: RunningSystem;
  let admin: string;

  beforeAll(async () => {
    sys = await startSystem({ postgresUrl: POSTGRES_URL });
    admin = await sys.login();
  });
  afterAll(() => sys?.stop());

  it('closes a hazard once when 20 close it at the same moment', async () => {
    const [reservoir] = (await sys.get<{ code: string }[]>('/api/reservoirs', admin)).body;
    const created = await sys.post<{ id: number }>('/api/hazards', admin, {
      reservoirCode: reservoir.code,
      foundOn: '2026-01-05',
      foundBy: '巡查员',
      source: 'patrol',
      locationOnDam: '坝顶',
      description: '坝顶裂缝',
      severity: 'general',
      rectificationDeadline: '2026-12-31',
    });
    const closes = await Promise.all(
      Array.from({ length: TIMES }, (_, i) =>
        sys.post<{ closingEvidence: string }>(`/api/hazards/${created.body.id}/close`, admin, {
          evidence: `evidence ${i}`,
        }),
      ),
    );
    const won = closes.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    expect(closes.filter((r) => r.status === 409)).toHaveLength(TIMES - 1);
    const [hazard] = (
      await sys.get<{ id: number; closingEvidence: string }[]>(`/api/hazards?reservoirCode=${reservoir.code}`, admin)
    ).body.filter((h) => h.id === created.body.id);
    expect(hazard.closingEvidence).toBe(won[0].body.closingEvidence);
  });

  it('acknowledges and resolves an alert once when 20 do it at the same moment', async () => {
    interface Reservoir {
      code: string;
      levels: { designFloodLevel: number };
    }
    const [, target] = (await sys.get<Reservoir[]>('/api/reservoirs', admin)).body;
    const publisher = await mqtt.connectAsync(sys.mqttUrl);
    try {
      const readings = [{ sensor: 'WL1', value: target.levels.designFloodLevel + 0.05 }];
      const payload = JSON.stringify({ ts: new Date(Date.now() - 30_000).toISOString(), readings });
      await publisher.publishAsync(`${sys.topicPrefix}reservoirs/${target.code}/telemetry`, payload, { qos: 1 });
    } finally {
      await publisher.endAsync();
    }
    const alert = await waitFor('an open alert', async () => {
      const open = await sys.get<{ id: string }[]>(`/api/alerts?state=open&reservoir=${target.code}`, admin);
      return open.body[0];
    });
    for (const action of ['ack', 'resolve']) {
      const all = await Promise.all(
        Array.from({ length: TIMES }, (_, i) =>
          sys.post(`/api/alerts/${alert.id}/${action}`, admin, { note: `${action} ${i}` }),
        ),
      );
      expect(
        all.filter((r) => r.status === 201 || r.status === 200),
        action,
      ).toHaveLength(1);
      expect(
        all.filter((r) => r.status === 409),
        action,
      ).toHaveLength(TIMES - 1);
    }
    const history = await sys.get<{ action: string }[]>(`/api/alerts/${alert.id}/history`, admin);
    expect(history.body.filter((e) => e.action === 'ack')).toHaveLength(1);
    expect(history.body.filter((e) => e.action === 'resolve')).toHaveLength(1);
  });
});
