import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL, reachable, startSystem, type RunningSystem } from '../support/system.js';

interface ReservoirItem {
  code: string;
  county: string;
  levels: Record<string, number>;
}

const modes = [
  { name: 'embedded TimescaleDB', postgres: false, timescale: true },
  { name: 'PostgreSQL server without TimescaleDB', postgres: true, timescale: false },
];
const pgUp = await reachable(POSTGRES_URL);

describe.each(modes)('foundation on $name', ({ postgres, timescale }) => {
  let sys: RunningSystem;
  let admin: string;

  beforeAll(async () => {
    sys = await startSystem(postgres ? { postgresUrl: POSTGRES_URL } : {});
    admin = await sys.login();
  });
  afterAll(() => sys?.stop());

  it.skipIf(postgres && !pgUp)('is healthy on migrated storage', async () => {
    const res = await sys.get<{ status: string; timescale: boolean }>('/api/health', '');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', timescale });
    if (!timescale) expect(sys.output()).toMatch(/TimescaleDB extension not available/);
  });

  it.skipIf(postgres && !pgUp)('serves the whole seeded registry with consistent levels', async () => {
    const res = await sys.get<ReservoirItem[]>('/api/reservoirs', admin);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1294);
    expect(new Set(res.body.map((r) => r.county)).size).toBe(14);
    for (const { levels: l } of res.body) {
      expect(l.deadLevel).toBeLessThan(l.floodLimitLevel);
      expect(l.floodLimitLevel).toBeLessThanOrEqual(l.normalLevel);
      expect(l.normalLevel).toBeLessThan(l.designFloodLevel);
      expect(l.designFloodLevel).toBeLessThan(l.checkFloodLevel);
      expect(l.checkFloodLevel).toBeLessThan(l.crestElevation);
    }
  });

  it.skipIf(postgres && !pgUp)('logs in with the right password only', async () => {
    const bad = await sys.post<{ message: string }>('/api/auth/login', null, {
      username: 'admin',
      password: 'wrong-pass',
    });
    expect(bad.status).toBe(401);
    const missing = await sys.post<{ message: string[] }>('/api/auth/login', null, { username: 'admin' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.message)).toMatch(/password/);
    expect((await sys.get('/api/reservoirs', '')).status).toBe(401);
    expect((await sys.get('/api/reservoirs', 'not-a-token')).status).toBe(401);
  });

  it.skipIf(postgres && !pgUp)('slows down repeated failed logins', async () => {
    const attempt = () => sys.post('/api/auth/login', null, { username: 'guesser', password: 'not-it-123' });
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    const blocked = await sys.post<{ message: string }>('/api/auth/login', null, {
      username: 'guesser',
      password: 'not-it-123',
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/try again/);
    // Other users are not locked out by someone else's failures.
    expect((await sys.post('/api/auth/login', null, { username: 'admin', password: sys.adminPassword })).status).toBe(
      200,
    );
  });

  it.skipIf(postgres && !pgUp)('limits an area-scoped user to its area', async () => {
    const created = await sys.post('/api/users', admin, {
      username: 'daoxian-eng',
      displayName: '道县工程师',
      password: 'daoxian-pass-1',
      role: 'engineer',
      areaCode: '431124',
    });
    expect(created.status).toBe(201);
    const token = await sys.login('daoxian-eng', 'daoxian-pass-1');
    const list = await sys.get<ReservoirItem[]>('/api/reservoirs', token);
    expect(list.body.length).toBeGreaterThan(0);
    expect(list.body.every((r) => r.county === '431124')).toBe(true);
    const other = await sys.get<ReservoirItem[]>('/api/reservoirs?county=431102', token);
    expect(other.body).toEqual([]);
    const all = await sys.get<ReservoirItem[]>('/api/reservoirs', admin);
    const foreign = all.body.find((r) => r.county !== '431124')!;
    expect((await sys.get(`/api/reservoirs/${foreign.code}`, token)).status).toBe(404);
    expect((await sys.get(`/api/reservoirs/${foreign.code}/series?sensor=WL1`, token)).status).toBe(404);
    expect((await sys.get(`/api/reservoirs/${list.body[0].code}`, token)).status).toBe(200);
    // Only admins manage users.
    expect((await sys.post('/api/users', token, {})).status).toBe(403);
  });

  it.skipIf(postgres && !pgUp)('answers bad query parameters with 400 and a message', async () => {
    const [first] = (await sys.get<ReservoirItem[]>('/api/reservoirs', admin)).body;
    const cases = [
      [`/api/reservoirs/${first.code}/series`, /sensor/],
      [`/api/reservoirs/${first.code}/series?sensor=WL1&from=yesterday`, /from/],
      [`/api/reservoirs/${first.code}/series?sensor=WL1&bucket=2h`, /bucket/],
      [`/api/reservoirs/${first.code}/series?sensor=WL1&from=2026-07-02T00:00:00Z&to=2026-07-01T00:00:00Z`, /before/],
      [`/api/reservoirs/${first.code}/series?sensor=XX9`, /no sensor/],
      ['/api/reservoirs?county=abc', /county/],
      ['/api/reservoirs/not-a-code', /code/],
    ] as const;
    for (const [path, message] of cases) {
      const res = await sys.get<{ message: string | string[] }>(path, admin);
      expect(res.status, path).toBe(400);
      expect(JSON.stringify(res.body.message), path).toMatch(message);
    }
  });
});
