import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system.js';

interface Project {
  id: number;
  kind: string;
  reservoirCode: string;
  county: string;
  scale: string;
  stage: string;
  budget: string;
  allocated: string;
  spent: string;
  progressPercent: number;
  plannedStart: string;
  plannedFinish: string;
}
interface SummaryGroup {
  group: string;
  projects: number;
  budget: string;
  allocated: { total: string; central: string; provincial: string };
  spent: string;
}

/** Exact CNY decimal strings → fen. */
const fen = (amount: string) => {
  const [int, dec = ''] = amount.split('.');
  return BigInt(int!) * 100n + BigInt(dec.padEnd(2, '0') || '0');
};

describe('telemetry and dam-monitoring construction through the API', () => {
  let sys: RunningSystem;
  let admin: string;

  const upload = async <T>(kind: string, token: string, content: string) => {
    const form = new FormData();
    form.append('file', new Blob([content]), 'ledger.csv');
    const res = await fetch(`${sys.url}/api/ledger/${kind}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    sys = await startSystem();
    admin = await sys.login();
  });
  afterAll(() => sys?.stop());

  it('keeps the default listing to the 480 reinforcement projects', async () => {
    const res = await sys.get<Project[]>('/api/projects', admin);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(480);
    expect(res.body.every((p) => p.kind === 'reinforcement')).toBe(true);
    expect((await sys.get<Project[]>('/api/projects?kind=all', admin)).body).toHaveLength(2171);
    expect((await sys.get('/api/projects?kind=pumping', admin)).status).toBe(400);
  });

  it('lists 1290 telemetry and 401 dam-monitoring projects budgeted by the standard', async () => {
    const telemetry = (await sys.get<Project[]>('/api/projects?kind=telemetry', admin)).body;
    expect(telemetry).toHaveLength(1290);
    for (const p of telemetry) expect(p.budget).toBe(p.scale === 'small1' ? '80000.00' : '60000.00');
    const monitoring = (await sys.get<Project[]>('/api/projects?kind=dam_monitoring', admin)).body;
    expect(monitoring).toHaveLength(401);
    expect(monitoring.every((p) => p.budget === '300000.00' && p.scale !== 'medium')).toBe(true);
    const done = [...telemetry, ...monitoring].filter((p) => p.stage === 'acceptance').length;
    expect(done / 1691).toBeGreaterThan(0.9);
  });

  it('reconciles the telemetry summary per county exactly with the project rows', async () => {
    const telemetry = (await sys.get<Project[]>('/api/projects?kind=telemetry', admin)).body;
    const perCounty = new Map<string, { budget: bigint; allocated: bigint; spent: bigint; n: number }>();
    for (const p of telemetry) {
      const acc = perCounty.get(p.county) ?? { budget: 0n, allocated: 0n, spent: 0n, n: 0 };
      acc.budget += fen(p.budget);
      acc.allocated += fen(p.allocated);
      acc.spent += fen(p.spent);
      acc.n += 1;
      perCounty.set(p.county, acc);
    }
    const summary = await sys.get<SummaryGroup[]>('/api/funding/summary?groupBy=county&kind=telemetry', admin);
    expect(summary.status).toBe(200);
    expect(summary.body).toHaveLength(perCounty.size);
    for (const g of summary.body) {
      const acc = perCounty.get(g.group)!;
      expect(g.projects).toBe(acc.n);
      expect(fen(g.budget)).toBe(acc.budget);
      expect(fen(g.allocated.total)).toBe(acc.allocated);
      expect(fen(g.spent)).toBe(acc.spent);
      expect(g.allocated.central).toBe('0.00');
    }
    const byKind = await sys.get<SummaryGroup[]>('/api/funding/summary?groupBy=kind&kind=all', admin);
    expect(byKind.body.map((g) => [g.group, g.projects])).toEqual([
      ['dam_monitoring', 401],
      ['reinforcement', 480],
      ['telemetry', 1290],
    ]);
    const reinforcement = await sys.get<SummaryGroup[]>('/api/funding/summary?groupBy=kind', admin);
    expect(reinforcement.body.map((g) => [g.group, g.projects])).toEqual([['reinforcement', 480]]);
  });

  it('exports projects with their kind and imports a telemetry stage change by kind', async () => {
    const res = await fetch(`${sys.url}/api/ledger/projects/export?format=csv`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toContain('项目类型');
    expect(lines).toHaveLength(1 + 2171);

    const telemetry = (await sys.get<Project[]>('/api/projects?kind=telemetry&stage=commissioning', admin)).body;
    const p = telemetry[0]!;
    const header = '水库编码,项目类型,阶段,进度(%),计划开工,计划完工';
    const wrong = `${header}\n${p.reservoirCode},雨水情测报,final_acceptance,100,${p.plannedStart},${p.plannedFinish}\n`;
    const rejected = await upload<{ errors: { column: string; message: string }[] }>('projects', admin, wrong);
    expect(rejected.status).toBe(400);
    expect(rejected.body.errors[0]!.message).toMatch(/not a stage of a telemetry project/);
    const good = `${header}\n${p.reservoirCode},telemetry,acceptance,100,${p.plannedStart},${p.plannedFinish}\n`;
    const imported = await upload<{ imported: number }>('projects', admin, good);
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toBe(1);
    const after = await sys.get<Project>(`/api/projects/${p.id}`, admin);
    expect([after.body.kind, after.body.stage, after.body.progressPercent]).toEqual(['telemetry', 'acceptance', 100]);
  });
});
