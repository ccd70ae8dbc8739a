import {
  expectedCentralShareBp,
  fromFen,
  isAtRisk,
  isOverdue,
  ratio,
  shareCheck,
  shareOf,
  SOURCES,
  sumFen,
  toFen,
  type FundingSource,
} from '@yz/domain';
import type { FundingRowDto, ProjectDto } from './dto/project.dto.js';
import type { ProjectRow } from './programme.repository.js';

/** A project as the API shows it: ledger totals, rates (4 places), gap, the policy share check, schedule flags. */
export function projectView(r: ProjectRow, today: string): ProjectDto {
  const bySource = sourceFen(r);
  const allocated = sumFen(SOURCES.map((s) => bySource[s]));
  const budget = toFen(r.budget);
  const spent = toFen(r.spent);
  return {
    id: r.id,
    kind: r.kind,
    reservoirCode: r.reservoirCode,
    reservoirName: r.reservoirName,
    county: r.county,
    countyName: r.countyName,
    scale: r.scale,
    stage: r.stage,
    inNationalPlan: r.inNationalPlan,
    plannedStart: r.plannedStart,
    plannedFinish: r.plannedFinish,
    actualFinish: r.actualFinish,
    progressPercent: r.progressPercent,
    budget: fromFen(budget),
    budgetBasis: r.budgetBasis,
    allocated: fromFen(allocated),
    allocatedBySource: {
      central: fromFen(bySource.central),
      provincial: fromFen(bySource.provincial),
      municipal: fromFen(bySource.municipal),
      county: fromFen(bySource.county),
    },
    spent: fromFen(spent),
    unspent: fromFen(allocated - spent),
    allocationRate: ratio(allocated, budget),
    spendingRate: ratio(spent, allocated),
    gap: fromFen(budget - allocated),
    shareCheck: shareCheck(r.scale, bySource.central, allocated, r.kind, r),
    overdue: isOverdue(r, today),
    atRisk: isAtRisk(r, today),
    updatedAt: r.updatedAt,
  };
}

export type ProjectView = ReturnType<typeof projectView>;

export function sourceFen(
  r: Pick<ProjectRow, 'central' | 'provincial' | 'municipal' | 'countyFunds'>,
): Record<FundingSource, bigint> {
  return {
    central: toFen(r.central),
    provincial: toFen(r.provincial),
    municipal: toFen(r.municipal),
    county: toFen(r.countyFunds),
  };
}

interface Acc {
  name?: string;
  projects: number;
  budget: bigint;
  bySource: Record<FundingSource, bigint>;
  spent: bigint;
}

/**
 * Totals per county, per year of planned start or per project kind, summed in fen from the same rows as the
 * project list, so the groups add up exactly to the ledger. groupBy=source gives one row per funding source.
 */
export function summarise(rows: ProjectRow[], groupBy: 'county' | 'year' | 'source' | 'kind'): FundingRowDto[] {
  if (groupBy === 'source') return summariseBySource(rows);
  const groups = new Map<string, Acc>();
  for (const r of rows) {
    const key = groupBy === 'county' ? r.county : groupBy === 'kind' ? r.kind : r.plannedStart.slice(0, 4);
    const acc = groups.get(key) ?? {
      name: groupBy === 'county' ? r.countyName : undefined,
      projects: 0,
      budget: 0n,
      bySource: { central: 0n, provincial: 0n, municipal: 0n, county: 0n },
      spent: 0n,
    };
    const s = sourceFen(r);
    acc.projects += 1;
    acc.budget += toFen(r.budget);
    for (const src of SOURCES) acc.bySource[src] += s[src];
    acc.spent += toFen(r.spent);
    groups.set(key, acc);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, acc]) => {
      const total = sumFen(SOURCES.map((s) => acc.bySource[s]));
      return {
        group,
        ...(acc.name !== undefined ? { groupName: acc.name } : {}),
        projects: acc.projects,
        budget: fromFen(acc.budget),
        allocated: allocatedOut(acc.bySource, total),
        spent: fromFen(acc.spent),
        allocationRate: ratio(total, acc.budget),
        spendingRate: ratio(acc.spent, total),
        gap: fromFen(acc.budget - total),
      };
    });
}

function summariseBySource(rows: ProjectRow[]): FundingRowDto[] {
  const centralBudget = sumFen(rows.map((r) => shareOf(toFen(r.budget), expectedCentralShareBp(r.scale, r.kind, r))));
  return SOURCES.map((source) => {
    const amounts = rows.map((r) => sourceFen(r)[source]);
    const total = sumFen(amounts);
    const only = { central: 0n, provincial: 0n, municipal: 0n, county: 0n, [source]: total };
    const budget = source === 'central' ? centralBudget : null;
    return {
      group: source,
      projects: amounts.filter((a) => a !== 0n).length,
      budget: budget === null ? null : fromFen(budget),
      allocated: allocatedOut(only, total),
      spent: null,
      allocationRate: budget === null ? null : ratio(total, budget),
      spendingRate: null,
      gap: budget === null ? null : fromFen(budget - total),
    };
  });
}

function allocatedOut(s: Record<FundingSource, bigint>, total: bigint): Record<FundingSource | 'total', string> {
  return {
    central: fromFen(s.central),
    provincial: fromFen(s.provincial),
    municipal: fromFen(s.municipal),
    county: fromFen(s.county),
    total: fromFen(total),
  };
}
