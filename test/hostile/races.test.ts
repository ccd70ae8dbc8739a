import mqtt from 'mqtt';
import { expect, it } from 'vitest';
import { waitFor } from '../support/processes.js';
import { describeOnPostgres } from '../support/postgres-suite.js';

const TIMES = 20;

/** Concurrent state changes on a server database (a pool of connections): each change happens once. */
describeOnPostgres('concurrent state changes on PostgreSQL', (suite) => {
  it('closes a hazard once when 20 close it at the same moment', async () => {
    const [reservoir] = (await suite.sys.get<{ code: string }[]>('/api/reservoirs', suite.admin)).body;
    const created = await suite.sys.post<{ id: number }>('/api/hazards', suite.admin, {
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
        suite.sys.post<{ closingEvidence: string }>(`/api/hazards/${created.body.id}/close`, suite.admin, {
          evidence: `evidence ${i}`,
        }),
      ),
    );
    const won = closes.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    expect(closes.filter((r) => r.status === 409)).toHaveLength(TIMES - 1);
    const [hazard] = (
      await suite.sys.get<{ id: number; closingEvidence: string }[]>(
        `/api/hazards?reservoirCode=${reservoir.code}`,
        suite.admin,
      )
    ).body.filter((h) => h.id === created.body.id);
    expect(hazard.closingEvidence).toBe(won[0].body.closingEvidence);
  });

  it('acknowledges and resolves an alert once when 20 do it at the same moment', async () => {
    interface Reservoir {
      code: string;
      levels: { designFloodLevel: number };
    }
    const [, target] = (await suite.sys.get<Reservoir[]>('/api/reservoirs', suite.admin)).body;
    const publisher = await mqtt.connectAsync(suite.sys.mqttUrl);
    try {
      const readings = [{ sensor: 'WL1', value: target.levels.designFloodLevel + 0.05 }];
      const payload = JSON.stringify({ ts: new Date(Date.now() - 30_000).toISOString(), readings });
      await publisher.publishAsync(`${suite.sys.topicPrefix}reservoirs/${target.code}/telemetry`, payload, { qos: 1 });
    } finally {
      await publisher.endAsync();
    }
    const alert = await waitFor('an open alert', async () => {
      const open = await suite.sys.get<{ id: string }[]>(
        `/api/alerts?state=open&reservoir=${target.code}`,
        suite.admin,
      );
      return open.body[0];
    });
    for (const action of ['ack', 'resolve']) {
      const all = await Promise.all(
        Array.from({ length: TIMES }, (_, i) =>
          suite.sys.post(`/api/alerts/${alert.id}/${action}`, suite.admin, { note: `${action} ${i}` }),
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
    const history = await suite.sys.get<{ action: string }[]>(`/api/alerts/${alert.id}/history`, suite.admin);
    expect(history.body.filter((e) => e.action === 'ack')).toHaveLength(1);
    expect(history.body.filter((e) => e.action === 'resolve')).toHaveLength(1);
  });
});
