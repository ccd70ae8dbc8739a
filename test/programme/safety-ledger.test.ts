import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';

interface Project {
  id: number;
  reservoirCode: string;
  county: string;
  scale: string;
  stage: string;
  budget: string;
  allocated: string;
  shareCheck: { ok: boolean };
}
interface SummaryGroup {
  group: string;
  allocated: { total: string };
}
interface Reservoir {
  code: string;
  county: string;
  scale: string;
}
interface ImportErrors {
  errors: { row: number; column: string; message: string }[];
}

const DAOXIAN = '431124';

/** Exact CNY decimal strings → fen. */
const fen = (amount: string) => {
  const [int, dec = ''] = amount.split('.');
  return BigInt(int!) * 100n + BigInt(dec.padEnd(2, '0') || '0');
};

/** Asia/Shanghai calendar date, days from today. */
const shanghaiDate = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('programme ledgers: funding, appraisals, responsible persons, hazards, import/export', () => {
  let sys: RunningSystem;
  let admin: string;
  let planner: string;
  let engineer: string;
  let projects: Project[];
  let reservoirs: Reservoir[];

  const send = async <T>(method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(sys.url + path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const upload = async <T>(kind: string, token: string, content: string | Buffer, name = 'ledger.csv') => {
    const form = new FormData();
    form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name);
    const res = await fetch(`${sys.url}/api/ledger/${kind}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const download = async (path: string, token: string) => {
    const res = await fetch(sys.url + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
  };
  const createUser = async (username: string, role: string, areaCode?: string) => {
    const res = await sys.post('/api/users', admin, {
      username,
      displayName: username,
      password: `${username}-pass-1`,
      role,
      ...(areaCode ? { areaCode } : {}),
    });
    expect(res.status).toBe(201);
    return sys.login(username, `${username}-pass-1`);
  };

  beforeAll(async () => {
    sys = await startSystem();
    admin = await sys.login();
    planner = await createUser('dx-planner', 'planner', DAOXIAN);
    engineer = await createUser('city-engineer', 'engineer');
    projects = (await sys.get<Project[]>('/api/projects', admin)).body;
    reservoirs = (await sys.get<Reservoir[]>('/api/reservoirs', admin)).body;
  });
  afterAll(() => sys?.stop());

  it('reconciles the funding summary exactly with the ledger rows', async () => {
    const summary = await sys.get<SummaryGroup[]>('/api/funding/summary?groupBy=county', admin);
    expect(summary.status).toBe(200);
    const perCounty = new Map<string, bigint>();
    for (const p of projects) perCounty.set(p.county, (perCounty.get(p.county) ?? 0n) + fen(p.allocated));
    expect(summary.body.length).toBe(perCounty.size);
    for (const g of summary.body) expect(fen(g.allocated.total)).toBe(perCounty.get(g.group));
  });

  it('flags an allocation that breaks the central/local share', async () => {
    const project = projects.find((p) => p.county === DAOXIAN)!;
    const res = await send<Project>('POST', `/api/projects/${project.id}/allocations`, admin, {
      source: 'county',
      amount: project.budget,
      allocatedOn: shanghaiDate(-1),
    });
    expect(res.status).toBe(201);
    expect(res.body.shareCheck.ok).toBe(false);
  });

  it('reports every bad row of an import and imports nothing; imports a good file in full', async () => {
    const [a, b] = projects.filter((p) => p.county === DAOXIAN);
    const before = await sys.get<Project>(`/api/projects/${a!.id}`, admin);
    const bad = [
      '水库编码,资金来源,金额(元),下达日期,文号',
      `${a!.reservoirCode},central,1000.00,${shanghaiDate(-2)},good row`,
      `${b!.reservoirCode},bank,-5,2026-02-30,`,
      `431124-9999,中央,100,${shanghaiDate(-2)},`,
    ].join('\n');
    const rejected = await upload<ImportErrors>('allocations', planner, bad);
    expect(rejected.status).toBe(400);
    expect(rejected.body.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '资金来源'],
      [3, '金额(元)'],
      [3, '下达日期'],
      [4, '水库编码'],
    ]);
    const unchanged = await sys.get<Project>(`/api/projects/${a!.id}`, admin);
    expect(unchanged.body.allocated).toBe(before.body.allocated);

    const good = `水库编码,资金来源,金额(元),下达日期,文号\n${a!.reservoirCode},中央,1000.50,${shanghaiDate(-2)},测试文号\n`;
    const imported = await upload<{ imported: number }>('allocations', planner, good);
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toBe(1);
    const after = await sys.get<Project>(`/api/projects/${a!.id}`, admin);
    expect(fen(after.body.allocated) - fen(before.body.allocated)).toBe(100050n);
  });

  it('keeps an area-scoped planner inside its area', async () => {
    const foreign = projects.find((p) => p.county !== DAOXIAN)!;
    expect((await sys.get(`/api/projects/${foreign.id}`, planner)).status).toBe(404);
    const res = await send('POST', `/api/projects/${foreign.id}/allocations`, planner, {
      source: 'central',
      amount: '10.00',
      allocatedOn: shanghaiDate(-1),
    });
    expect(res.status).toBe(404);
    const file = `水库编码,资金来源,金额(元),下达日期\n${foreign.reservoirCode},central,10,${shanghaiDate(-1)}\n`;
    const rejected = await upload<ImportErrors>('allocations', planner, file);
    expect(rejected.status).toBe(400);
    expect(rejected.body.errors).toEqual([
      { row: 2, column: '水库编码', message: expect.stringMatching(/not in your area/) },
    ]);
    const appraisal = await send('POST', '/api/appraisals', planner, {
      reservoirCode: foreign.reservoirCode,
      appraisedOn: shanghaiDate(-1),
      damCategory: 2,
      conclusion: '二类坝',
    });
    expect(appraisal.status).toBe(404);
    const hazards = await sys.get<{ county: string }[]>('/api/hazards', planner);
    expect(hazards.body.every((h) => h.county === DAOXIAN)).toBe(true);
    // Engineers edit the hazard ledger; a planner only reads it.
    expect((await upload('hazards', planner, '水库编码\n')).status).toBe(403);
  });

  it('lists overdue hazards as computed by hand and closes them only with evidence', async () => {
    const code = reservoirs.find((r) => r.county === DAOXIAN)!.code;
    const hazard = (deadline: string) =>
      send<{ id: number; overdue: boolean }>('POST', '/api/hazards', engineer, {
        reservoirCode: code,
        foundOn: shanghaiDate(-10),
        foundBy: '巡查员 王五',
        source: 'patrol',
        locationOnDam: '下游坝坡',
        description: '下游坝坡局部散浸',
        severity: 'general',
        rectificationDeadline: deadline,
      });
    const late = await hazard(shanghaiDate(-1));
    const dueToday = await hazard(shanghaiDate(0));
    const early = await hazard(shanghaiDate(1));
    expect([late.status, dueToday.status, early.status]).toEqual([201, 201, 201]);
    expect([late.body.overdue, dueToday.body.overdue, early.body.overdue]).toEqual([true, false, false]);
    const overdueIds = async () =>
      (await sys.get<{ id: number }[]>(`/api/hazards?overdue=true&county=${DAOXIAN}`, admin)).body.map((h) => h.id);
    expect(await overdueIds()).toEqual([late.body.id]);
    expect((await sys.post(`/api/hazards/${late.body.id}/close`, planner, { evidence: 'x' })).status).toBe(403);
    expect((await sys.post(`/api/hazards/${late.body.id}/close`, engineer, { evidence: ' ' })).status).toBe(400);
    const closed = await sys.post<{ status: string }>(`/api/hazards/${late.body.id}/close`, engineer, {
      evidence: 'https://example.org/rectified.jpg',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(await overdueIds()).toEqual([]);
    // The ledger exports as XLSX and the same file imports again (rows with 编号 update their hazards).
    const xlsx = await download('/api/ledger/hazards/export?format=xlsx', engineer);
    expect(xlsx.status).toBe(200);
    const again = await upload<{ imported: number }>('hazards', engineer, xlsx.body, 'hazards.xlsx');
    expect(again.status).toBe(200);
    expect(again.body.imported).toBe(3);
    expect(await overdueIds()).toEqual([]);
  });

  it('records appraisals: schedule lists, and a category-3 result opens a project once', async () => {
    const withProject = new Set(projects.map((p) => p.reservoirCode));
    const target = reservoirs.find((r) => r.scale === 'small2' && !withProject.has(r.code))!;
    const other = reservoirs.find((r) => r.code !== target.code && !withProject.has(r.code))!;
    const dangerous = await send<{ projectId: number | null; nextDue: string }>('POST', '/api/appraisals', engineer, {
      reservoirCode: target.code,
      appraisedOn: shanghaiDate(-3),
      damCategory: 3,
      conclusion: '坝体渗漏严重，评定为三类坝',
      nextDue: shanghaiDate(-1),
    });
    expect(dangerous.status).toBe(201);
    expect(dangerous.body.projectId).not.toBeNull();
    const project = await sys.get<Project>(`/api/projects/${dangerous.body.projectId}`, admin);
    expect(project.body).toMatchObject({ reservoirCode: target.code, stage: 'appraisal', budget: '1900000.00' });
    const repeat = await send<{ projectId: number | null }>('POST', '/api/appraisals', engineer, {
      reservoirCode: target.code,
      appraisedOn: shanghaiDate(-2),
      damCategory: 3,
      conclusion: '复核仍为三类坝',
      nextDue: shanghaiDate(-1),
    });
    expect(repeat.status).toBe(201);
    expect(repeat.body.projectId).toBeNull();
    const fine = await send<{ nextDue: string }>('POST', '/api/appraisals', engineer, {
      reservoirCode: other.code,
      appraisedOn: shanghaiDate(-3),
      damCategory: 1,
      conclusion: '一类坝',
    });
    expect(fine.status).toBe(201);
    const appraised = new Date(Date.parse(shanghaiDate(-3)));
    appraised.setUTCFullYear(appraised.getUTCFullYear() + 6);
    expect(fine.body.nextDue).toBe(appraised.toISOString().slice(0, 10));

    type Due = { reservoirCode: string; nextAppraisal: string };
    const overdue = (await sys.get<Due[]>('/api/appraisals?due=overdue', admin)).body;
    const today = shanghaiDate(0);
    expect(overdue.every((r) => r.nextAppraisal < today)).toBe(true);
    expect(overdue.map((r) => r.reservoirCode)).toContain(target.code);
    expect(overdue.map((r) => r.reservoirCode)).not.toContain(other.code);
    const thisYear = (await sys.get<Due[]>('/api/appraisals?due=this-year', admin)).body;
    expect(thisYear.every((r) => r.nextAppraisal.slice(0, 4) === today.slice(0, 4))).toBe(true);
    if (shanghaiDate(-1).slice(0, 4) === today.slice(0, 4)) {
      expect(thisYear.map((r) => r.reservoirCode)).toContain(target.code);
    }
    expect((await send('POST', '/api/appraisals', planner, { reservoirCode: target.code })).status).toBe(400);
  });

  it('edits the four responsible persons and publishes the yearly list', async () => {
    const code = reservoirs.find((r) => r.county === DAOXIAN)!.code;
    const path = `/api/reservoirs/${code}/responsible-persons/patrol`;
    const person = { name: '王五', phone: '13800001234', trained: false };
    expect((await send('PUT', path, engineer, { ...person, phone: '12345' })).status).toBe(400);
    expect((await send('PUT', path, planner, person)).status).toBe(403);
    expect((await send('PUT', path, engineer, person)).status).toBe(200);
    const untrained = await sys.get<{ reservoirCode: string; role: string; trained: boolean }[]>(
      `/api/responsible-persons?county=${DAOXIAN}&trained=false`,
      admin,
    );
    expect(untrained.body.every((p) => !p.trained)).toBe(true);
    expect(untrained.body.some((p) => p.reservoirCode === code && p.role === 'patrol')).toBe(true);
    const csv = await download(`/api/responsible-persons/export?year=2026&format=csv&county=${DAOXIAN}`, admin);
    expect(csv.status).toBe(200);
    const lines = csv.body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(
      /^县区,水库名称,水库编码,政府责任人,电话,主管部门责任人,电话,管理单位责任人,电话,巡查责任人,电话/,
    );
    expect(lines.find((l) => l.includes(code))).toMatch(/王五,13800001234/);
    const xlsx = await download('/api/responsible-persons/export?year=2026&format=xlsx', admin);
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
  });
});
