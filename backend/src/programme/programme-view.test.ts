import { describe, expect, it } from 'vitest';
import { fromFen, sumFen, toFen } from '@yz/domain';
import { generateRegistry, programmeRows } from '@yz/seeds';
import { projectView, summarise } from './programme-view.js';
import type { ProjectRow } from './programme.repository.js';

const row = (over: Partial<ProjectRow>): ProjectRow => ({
  id: 1,
  kind: 'reinforcement',
  reservoirCode: '431124-0001',
  reservoirName: '甲水库',
  county: '431124',
  countyName: '道县',
  scale: 'small1',
  stage: 'construction',
  inNationalPlan: true,
  appraisedOn: null,
  plannedStart: '2025-01-01',
  plannedFinish: '2025-12-31',
  actualFinish: null,
  progressPercent: 60,
  budget: '5000000.00',
  budgetBasis: 'standard',
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  central: '3500000.00',
  provincial: '750000.00',
  municipal: '300000.00',
  countyFunds: '450000.00',
  spent: '3000000.00',
  ...over,
});

describe('project view', () => {
  it('expects local funding of a project opened from a 2022 appraisal outside the national plan', () => {
    const local = row({ inNationalPlan: false, appraisedOn: '2022-06-30', central: '0.00', countyFunds: '3950000.00' });
    expect(projectView(local, '2025-11-15').shareCheck).toEqual({
      expectedCentralShare: '0.0000',
      actualCentralShare: '0.0000',
      ok: true,
    });
  });

  it('totals, rates, gap and share check of a fully funded small(1) project', () => {
    const v = projectView(row({}), '2025-11-15');
    expect(v.allocated).toBe('5000000.00');
    expect(v.allocatedBySource).toEqual({
      central: '3500000.00',
      provincial: '750000.00',
      municipal: '300000.00',
      county: '450000.00',
    });
    expect(v.allocationRate).toBe('1.0000');
    expect(v.spendingRate).toBe('0.6000');
    expect(v.gap).toBe('0.00');
    expect(v.unspent).toBe('2000000.00');
    expect(v.shareCheck).toEqual({ expectedCentralShare: '0.7000', actualCentralShare: '0.7000', ok: true });
    expect(v.overdue).toBe(false);
    // 46 days left, 318 of 364 days elapsed (87.4%) and 60% done
    expect(v.atRisk).toBe(true);
  });

  it('an under-funded project shows its gap; nothing allocated means no spending rate', () => {
    const v = projectView(
      row({
        central: '0.00',
        provincial: '0.00',
        municipal: '0.00',
        countyFunds: '0.00',
        spent: '0.00',
        stage: 'tendering',
        progressPercent: 0,
      }),
      '2026-01-01',
    );
    expect(v.allocated).toBe('0.00');
    expect(v.gap).toBe('5000000.00');
    expect(v.allocationRate).toBe('0.0000');
    expect(v.spendingRate).toBeNull();
    expect(v.shareCheck.ok).toBe(true);
    expect(v.overdue).toBe(true);
  });
});

describe('funding summary', () => {
  const rows = [
    row({}),
    row({
      id: 2,
      reservoirCode: '431124-0002',
      budget: '1900000.00',
      scale: 'small2',
      central: '1330000.00',
      provincial: '285000.00',
      municipal: '114000.00',
      countyFunds: '171000.00',
      spent: '1900000.00',
      plannedStart: '2024-03-01',
    }),
    row({
      id: 3,
      reservoirCode: '431102-0003',
      county: '431102',
      countyName: '零陵区',
      budget: '0.03',
      central: '0.01',
      provincial: '0.01',
      municipal: '0.00',
      countyFunds: '0.00',
      spent: '0.01',
    }),
  ];

  it('by county adds up to the rows, to the fen', () => {
    const s = summarise(rows, 'county');
    expect(s.map((g) => g.group)).toEqual(['431102', '431124']);
    const dao = s[1]!;
    expect(dao).toMatchObject({
      groupName: '道县',
      projects: 2,
      budget: '6900000.00',
      spent: '4900000.00',
      gap: '0.00',
      allocationRate: '1.0000',
    });
    expect(dao.allocated).toEqual({
      central: '4830000.00',
      provincial: '1035000.00',
      municipal: '414000.00',
      county: '621000.00',
      total: '6900000.00',
    });
    expect(s[0]).toMatchObject({
      budget: '0.03',
      allocated: { total: '0.02' },
      gap: '0.01',
      allocationRate: '0.6667',
      spendingRate: '0.5000',
    });
  });

  it('by year groups by the planned start year', () => {
    expect(summarise(rows, 'year').map((g) => [g.group, g.projects])).toEqual([
      ['2024', 1],
      ['2025', 2],
    ]);
  });

  it('by source gives one row per source whose totals add up to all allocations', () => {
    const s = summarise(rows, 'source');
    expect(s.map((g) => g.group)).toEqual(['central', 'provincial', 'municipal', 'county']);
    expect(fromFen(sumFen(s.map((g) => toFen(g.allocated.total))))).toBe('6900000.02');
    expect(s[0]).toMatchObject({
      budget: '4830000.02',
      allocated: { central: '4830000.01', total: '4830000.01' },
      projects: 3,
    });
    expect(s[2]).toMatchObject({ budget: null, projects: 2, spent: null });
  });
});

describe('seeded programme', () => {
  const registry = generateRegistry();
  const rows = programmeRows(registry.projects, registry.reservoirs);
  const byProject = <T extends { reservoir_code: string; amount: string }>(list: T[]) => {
    const m = new Map<string, bigint>();
    for (const x of list) m.set(x.reservoir_code, (m.get(x.reservoir_code) ?? 0n) + toFen(x.amount));
    return m;
  };

  it('is deterministic', () => {
    expect(programmeRows(registry.projects, registry.reservoirs)).toEqual(rows);
  });

  it('never spends more than allocated, nor allocates more than the budget, and has only positive amounts', () => {
    const allocated = byProject(rows.allocations);
    const spent = byProject(rows.expenditures);
    for (const p of rows.projects) {
      const a = allocated.get(p.reservoir_code) ?? 0n;
      expect(a).toBeLessThanOrEqual(toFen(p.budget));
      expect(spent.get(p.reservoir_code) ?? 0n).toBeLessThanOrEqual(a);
    }
    for (const x of [...rows.allocations, ...rows.expenditures]) expect(toFen(x.amount)).toBeGreaterThan(0n);
  });

  it('mostly follows the policy shares, with a few deliberate deviations and under-funded projects', () => {
    const scale = new Map(registry.reservoirs.map((r) => [r.code, r.scale]));
    const central = byProject(rows.allocations.filter((a) => a.source === 'central'));
    const total = byProject(rows.allocations);
    let deviating = 0;
    let underFunded = 0;
    for (const p of rows.projects) {
      const t = total.get(p.reservoir_code)!;
      const c = central.get(p.reservoir_code)!;
      const bp = scale.get(p.reservoir_code) === 'medium' ? 8000n : 7000n;
      const diff = c * 10000n - bp * t;
      if ((diff < 0n ? -diff : diff) > 50n * t) deviating++;
      if (t < toFen(p.budget) && p.stage !== 'tendering') underFunded++;
    }
    expect(rows.projects).toHaveLength(480);
    expect(deviating).toBeGreaterThan(5);
    expect(deviating).toBeLessThan(60);
    expect(underFunded).toBeGreaterThan(5);
    expect(underFunded).toBeLessThan(80);
  });
});
