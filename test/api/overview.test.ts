import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startSystem, type RunningSystem } from '../support/system.js';

interface AreaSummary {
  code: string;
  name: string;
  reservoirs: number;
  normal: number;
  aboveFloodLimit: number;
  offline: number;
  alerts: number;
}
interface Overview {
  total: number;
  offset: number;
  limit: number;
  items: { code: string; name: string; county: string; state: string; rain: { h24: number | null } }[];
  areas: AreaSummary[];
  totals: AreaSummary;
}
interface Points {
  codes: string[];
  lon: number[];
  lat: number[];
  states: number[];
}

/** The overview's first screen from the server: filtered, sorted and paged rows, area sums, map points; compressed. */
describe('overview API', () => {
  let sys: RunningSystem;
  let token: string;
  const get = <T>(query: string) => sys.get<T>(`/api/reservoirs/${query}`, token);

  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.login();
  });
  afterAll(() => sys?.stop());

  it('pages the whole registry and sums every area', async () => {
    const res = await get<Overview>('overview?limit=20');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1294, offset: 0, limit: 20 });
    expect(res.body.items).toHaveLength(20);
    expect(res.body.areas).toHaveLength(14);
    expect(res.body.areas.reduce((n, a) => n + a.reservoirs, 0)).toBe(1294);
    expect(res.body.totals.reservoirs).toBe(1294);
    for (const a of res.body.areas) expect(a.normal + a.aboveFloodLimit + a.offline).toBe(a.reservoirs);
    // Nothing reported yet: every reservoir is offline.
    expect(res.body.totals.offline).toBe(1294);
  });

  it('filters by area and by part of the code or name, and pages without gaps or repeats', async () => {
    const all = (await sys.get<{ code: string; county: string; name: string }[]>('/api/reservoirs', token)).body;
    const inArea = all.filter((r) => r.county === '431124');
    const area = (await get<Overview>('overview?area=431124&limit=500')).body;
    expect(area.total).toBe(inArea.length);
    expect(area.totals.reservoirs).toBe(inArea.length);
    expect(area.items.map((i) => i.code)).toEqual(inArea.map((r) => r.code).sort());
    const name = all[7].name;
    const found = (await get<Overview>(`overview?q=${encodeURIComponent(name)}`)).body;
    expect(found.items.map((i) => i.code)).toContain(all[7].code);

    const byName = (await get<Overview>('overview?sort=name&order=desc&limit=60')).body.items.map((i) => i.code);
    const pages = [];
    for (const offset of [0, 20, 40]) {
      pages.push(...(await get<Overview>(`overview?sort=name&order=desc&limit=20&offset=${offset}`)).body.items);
    }
    expect(pages.map((i) => i.code)).toEqual(byName);
  });

  it('refuses bad parameters with their reason', async () => {
    const res = await get<{ message: string[] }>('overview?limit=100000&sort=height&area=43');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(/limit/);
    expect(JSON.stringify(res.body.message)).toMatch(/sort/);
    expect(JSON.stringify(res.body.message)).toMatch(/area/);
  });

  it('gives every reservoir in scope as map points', async () => {
    const points = (await get<Points>('points')).body;
    expect(points.codes).toHaveLength(1294);
    expect(points.lon).toHaveLength(1294);
    expect(points.states.every((s) => s === 2)).toBe(true);
    const area = (await get<Points>('points?area=431102')).body;
    expect(area.codes.every((c) => c.startsWith('431102-'))).toBe(true);
  });

  it('compresses API responses and the dashboard (brotli or gzip), and answers 304 to a known ETag', async () => {
    const headers = { authorization: `Bearer ${token}` };
    for (const encoding of ['br', 'gzip']) {
      const res = await fetch(`${sys.url}/api/reservoirs`, { headers: { ...headers, 'accept-encoding': encoding } });
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect((await res.json()) as unknown[]).toHaveLength(1294);
    }
    const dir = join(ROOT, 'frontend/dist/assets');
    const size = (f: string) => statSync(join(dir, f)).size;
    const asset = readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .sort((a, b) => size(b) - size(a))[0];
    const js = await fetch(`${sys.url}/assets/${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-encoding')).toBe('gzip');

    const first = await fetch(`${sys.url}/api/reservoirs/overview?limit=5`, { headers });
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${sys.url}/api/reservoirs/overview?limit=5`, {
      // fetch adds "Cache-Control: no-cache" to a conditional request unless told otherwise; browsers send max-age=0.
      headers: { ...headers, 'if-none-match': etag!, 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
  });
});
