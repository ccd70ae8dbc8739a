// Funding totals of a filtered project list, summed exactly in fen (never through floating point): budget,
// allocated by source, spent, gap, allocation and spending rates, per group and for all.

import type { FundingSource, Project } from '../api/types';

export const SOURCES: FundingSource[] = ['central', 'provincial', 'municipal', 'county'];
export type GroupBy = 'county' | 'year' | 'kind';

const toFen = (v: string): bigint => {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(v.trim());
  if (!m) return 0n;
  const fen = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
};
const fromFen = (f: bigint): string => {
  const neg = f < 0n;
  const a = neg ? -f : f;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
};
/** a / b (both ≥ 0) as a decimal string with 4 places rounded half up, as the API rounds; null when b is 0. */
const ratio = (a: bigint, b: bigint): string | null => {
  if (b === 0n) return null;
  const scaled = (a * 20000n + b) / (2n * b);
  return `${scaled / 10000n}.${(scaled % 10000n).toString().padStart(4, '0')}`;
};

export interface SummaryRow {
  group: string;
  projects: number;
  budget: string;
  allocated: Record<FundingSource | 'total', string>;
  spent: string;
  gap: string;
  allocationRate: string | null;
  spendingRate: string | null;
  overdue: number;
}

const keyOf = (p: Project, by: GroupBy) =>
  by === 'county' ? p.county : by === 'kind' ? p.kind : p.plannedStart.slice(0, 4);

function row(group: string, list: Project[]): SummaryRow {
  const src = Object.fromEntries(SOURCES.map((s) => [s, 0n])) as Record<FundingSource, bigint>;
  let budget = 0n;
  let spent = 0n;
  for (const p of list) {
    budget += toFen(p.budget);
    spent += toFen(p.spent);
    for (const s of SOURCES) src[s] += toFen(p.allocatedBySource[s]);
  }
  const total = SOURCES.reduce((a, s) => a + src[s], 0n);
  return {
    group,
    projects: list.length,
    budget: fromFen(budget),
    allocated: {
      ...(Object.fromEntries(SOURCES.map((s) => [s, fromFen(src[s])])) as Record<FundingSource, string>),
      total: fromFen(total),
    },
    spent: fromFen(spent),
    gap: fromFen(budget - total),
    allocationRate: ratio(total, budget),
    spendingRate: ratio(spent, total),
    overdue: list.filter((p) => p.overdue).length,
  };
}

export function summarise(projects: Project[], by: GroupBy): { rows: SummaryRow[]; total: SummaryRow } {
  const groups = new Map<string, Project[]>();
  for (const p of projects) groups.set(keyOf(p, by), [...(groups.get(keyOf(p, by)) ?? []), p]);
  const rows = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([g, list]) => row(g, list));
  return { rows, total: row('total', projects) };
}

/** Years of planned start present in the list, newest first. */
export const yearsOf = (projects: Project[]): string[] =>
  [...new Set(projects.map((p) => p.plannedStart.slice(0, 4)))].sort().reverse();
