import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
