import { describe, expect, it } from 'vitest';
import { programmeRows } from './load-programme.js';
import { carryAppraisalsForward } from '../generate/appraisal-history.js';
import { generateRegistry } from '../generate/index.js';

const registry = generateRegistry();
const programme = programmeRows(registry.projects, registry.reservoirs).projects.map((p) => ({
  reservoirCode: p.reservoir_code,
  acceptedOn: p.actual_finish,
  plannedFinish: p.planned_finish,
}));
const today = '2026-11-29';
const history = carryAppraisalsForward(registry.reservoirs, programme, today);
const stateOf = new Map(history.reservoirs.map((r) => [r.code, r]));

describe('appraisal history carried forward to today', () => {
  it('leaves only a realistic handful (≤ 5 %) overdue in 2026, to the end of the year', () => {
    const overdue = (on: string) =>
      carryAppraisalsForward(registry.reservoirs, programme, on).reservoirs.filter((r) => r.nextAppraisal < on);
    for (const on of [today, '2026-12-31']) {
      const n = overdue(on).length;
      expect(n, on).toBeGreaterThan(0);
      expect(n / registry.reservoirs.length, on).toBeLessThanOrEqual(0.05);
    }
  });

  it('appraised the 122 due by end-2022 in 2022', () => {
    const withProject = new Set(programme.map((p) => p.reservoirCode));
    const due = registry.reservoirs.filter((r) => r.nextAppraisal <= '2022-12-31' && !withProject.has(r.code));
    expect(due).toHaveLength(122);
    for (const r of due) {
      const first = history.appraisals.find((a) => a.reservoirCode === r.code);
      expect(first?.appraisedOn.slice(0, 4), r.code).toBe('2022');
    }
    const categories = new Set(due.map((r) => stateOf.get(r.code)!.damCategory));
    expect(categories).toEqual(new Set([1, 2]));
  });

  it('schedules a reinforced dam 5 years after acceptance and restricts one still under works', () => {
    const accepted = programme.find((p) => p.acceptedOn !== null)!;
    const acceptedOn = accepted.acceptedOn!;
    expect(stateOf.get(accepted.reservoirCode)).toMatchObject({
      nextAppraisal: `${Number(acceptedOn.slice(0, 4)) + 5}${acceptedOn.slice(4)}`,
      restrictedLevel: null,
    });
    const building = programme.find((p) => p.acceptedOn === null)!;
    const seed = registry.reservoirs.find((r) => r.code === building.reservoirCode)!;
    expect(stateOf.get(building.reservoirCode)!.restrictedLevel).toBeCloseTo(
      Math.max(seed.levels.deadLevel, seed.levels.floodLimitLevel - 1),
      6,
    );
  });
});
