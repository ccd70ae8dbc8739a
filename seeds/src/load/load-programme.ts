import type { Database } from '@yz/platform';
import { sql, type Kysely } from 'kysely';
import { insertChunked } from './insert-chunked.js';
import {
  addDays,
  expectedCentralShareBp,
  fromFen,
  hashString,
  LOCAL_SPLIT_BP,
  minDate,
  shareOf,
  type FundingSource,
  type ProjectSeed,
  type ReservoirSeed,
} from '@yz/domain';
import { STATUS_DATE } from '../generate/dates.js';

/** What a project builds (the projects.kind column). */
export type ProjectKind = 'reinforcement' | 'telemetry' | 'dam_monitoring';

/** Stages of telemetry and dam-monitoring construction (design → procurement → installation → commissioning → acceptance). */
export type ConstructionStage = 'design' | 'procurement' | 'installation' | 'commissioning' | 'acceptance';

export interface ProjectRowSeed {
  reservoir_code: string;
  kind: ProjectKind;
  stage: ProjectSeed['stage'] | ConstructionStage;
  in_national_plan: boolean;
  planned_start: string;
  planned_finish: string;
  actual_finish: string | null;
  progress_percent: number;
  budget: string;
  budget_basis: 'standard' | 'approved_estimate';
}

export interface AllocationRowSeed {
  reservoir_code: string;
  kind: ProjectKind;
  source: FundingSource;
  amount: string;
  allocated_on: string;
  document: string;
}

export interface ExpenditureRowSeed {
  reservoir_code: string;
  kind: ProjectKind;
  amount: string;
  spent_on: string;
  description: string;
}

export interface ProgrammeRows {
  projects: ProjectRowSeed[];
  allocations: AllocationRowSeed[];
  expenditures: ExpenditureRowSeed[];
}

/**
 * Loads the reinforcement projects and a funding ledger consistent with the policy shares (small: central 70%,
 * local 30%; medium: central 80%, local 20%; the local part split province 50% / city 20% / county 30%).
 * Idempotent: a project that exists (by reservoir) and a seeded ledger row that exists (by its natural key)
 * are left as they are. One statement per chunk of at most 200 rows.
 */
export async function loadProgramme(
  db: Kysely<Database>,
  projects: ProjectSeed[],
  reservoirs: ReservoirSeed[],
): Promise<void> {
  await loadRows(db, programmeRows(projects, reservoirs));
}

/**
 * Inserts projects (by reservoir and kind) and their seeded ledger rows; what exists already is left as it is.
 * One statement per chunk of at most 200 rows, all in one transaction.
 */
export async function loadRows(db: Kysely<Database>, rows: ProgrammeRows): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await insertChunked(
      tx,
      (
        json,
      ) => sql`INSERT INTO projects (reservoir_code, kind, stage, in_national_plan, planned_start, planned_finish, actual_finish,
         progress_percent, budget, budget_basis)
       SELECT reservoir_code, kind, stage, in_national_plan, planned_start, planned_finish, actual_finish,
         progress_percent, budget, budget_basis
       FROM jsonb_to_recordset(${json}::jsonb) AS x(reservoir_code text, kind text, stage text, in_national_plan boolean,
         planned_start date, planned_finish date, actual_finish date, progress_percent smallint, budget numeric,
         budget_basis text)
       ON CONFLICT (reservoir_code, kind) DO NOTHING`,
      rows.projects,
    );
    await insertChunked(
      tx,
      (json) => sql`INSERT INTO funding_allocations (project_id, source, amount, allocated_on, document, created_by)
       SELECT p.id, x.source, x.amount, x.allocated_on, x.document, 'seed'
       FROM jsonb_to_recordset(${json}::jsonb)
         AS x(reservoir_code text, kind text, source text, amount numeric, allocated_on date, document text)
       JOIN projects p ON p.reservoir_code = x.reservoir_code AND p.kind = x.kind
       ON CONFLICT (project_id, source, document) WHERE created_by = 'seed' DO NOTHING`,
      rows.allocations,
    );
    await insertChunked(
      tx,
      (json) => sql`INSERT INTO funding_expenditures (project_id, amount, spent_on, description, created_by)
       SELECT p.id, x.amount, x.spent_on, x.description, 'seed'
       FROM jsonb_to_recordset(${json}::jsonb)
         AS x(reservoir_code text, kind text, amount numeric, spent_on date, description text)
       JOIN projects p ON p.reservoir_code = x.reservoir_code AND p.kind = x.kind
       ON CONFLICT (project_id, spent_on, description) WHERE created_by = 'seed' DO NOTHING`,
      rows.expenditures,
    );
  });
}

const DONE: readonly ProjectSeed['stage'][] = ['completion_acceptance', 'final_acceptance'];

/** What the programme rows are, before any database: pure, so it can be checked without one. */
export function programmeRows(projects: ProjectSeed[], reservoirs: ReservoirSeed[]): ProgrammeRows {
  const byCode = new Map(reservoirs.map((r) => [r.code, r]));
  const out: ProgrammeRows = { projects: [], allocations: [], expenditures: [] };
  for (const p of projects) {
    const r = byCode.get(p.reservoirCode);
    if (!r) throw new Error(`Project for unknown reservoir ${p.reservoirCode}`);
    // The variation of each project is derived from its reservoir code, never from Math.random.
    const h = hashString(p.reservoirCode);
    const done = DONE.includes(p.stage);
    const budgetFen = BigInt(p.budget) * 100n;
    out.projects.push({
      reservoir_code: p.reservoirCode,
      kind: 'reinforcement',
      stage: p.stage,
      in_national_plan: p.inNationalPlan,
      planned_start: p.plannedStart,
      planned_finish: p.plannedFinish,
      // Works finished around the planned date: up to 45 days late, never after the status date.
      actual_finish: done ? minDate(addDays(p.plannedFinish, (h >>> 3) % 46), STATUS_DATE) : null,
      progress_percent: p.progressPercent,
      budget: fromFen(budgetFen),
      budget_basis: r.scale === 'medium' ? 'approved_estimate' : 'standard',
    });

    // How much of the budget has arrived: all of it once the works are done or under way, most at tendering;
    // about one project in 13 is under-funded (60–89%).
    const underFunded = h % 13 === 5;
    const fundedBp = underFunded ? 6000 + (h % 3000) : p.stage === 'tendering' ? 8000 : 10000;
    const total = shareOf(budgetFen, fundedBp);
    // About one project in 19 departs from the policy's central share (by 10 percentage points less).
    const policyCentralBp = expectedCentralShareBp(r.scale);
    const centralBp = h % 19 === 7 ? policyCentralBp - 1000 : policyCentralBp;
    const central = shareOf(total, centralBp);
    const local = total - central;
    const provincial = shareOf(local, LOCAL_SPLIT_BP.provincial);
    const municipal = shareOf(local, LOCAL_SPLIT_BP.municipal);
    const county = local - provincial - municipal;
    const year = Number(p.plannedStart.slice(0, 4));
    const docNo = 10 + (h % 90);
    const firstOn = addDays(p.plannedStart, -30 - (h % 30));
    const secondOn = minDate(addDays(p.plannedStart, 150 + (h % 60)), STATUS_DATE);
    const centralFirst = shareOf(central, 6000);
    const entries: [FundingSource, bigint, string, string][] = [
      ['central', centralFirst, firstOn, `财农〔${year - 1}〕${docNo}号 第一批`],
      ['central', central - centralFirst, secondOn, `财农〔${secondOn.slice(0, 4)}〕${docNo + 100}号 第二批`],
      ['provincial', provincial, firstOn, `湘财农指〔${year - 1}〕${docNo}号`],
      ['municipal', municipal, addDays(firstOn, 20), `永财农〔${year}〕${docNo}号`],
      ['county', county, addDays(firstOn, 40), `${r.areaCode}财农〔${year}〕${docNo}号`],
    ];
    for (const [source, fen, on, document] of entries) {
      if (fen > 0n)
        out.allocations.push({
          reservoir_code: p.reservoirCode,
          kind: 'reinforcement',
          source,
          amount: fromFen(fen),
          allocated_on: on,
          document,
        });
    }

    // Spending follows the works: progress × budget, never more than arrived. Done projects keep a 3–5% retention
    // until the final accounts (completion acceptance) or a small surplus (final acceptance).
    const spendBp =
      p.stage === 'final_acceptance'
        ? 9700 + (h % 300)
        : p.stage === 'completion_acceptance'
          ? 9500 + (h % 200)
          : p.progressPercent * 100;
    let spent = shareOf(budgetFen, spendBp);
    if (spent > total) spent = total;
    if (spent === 0n) continue;
    const end = minDate(done ? p.plannedFinish : STATUS_DATE, STATUS_DATE);
    const span = Math.max(1, Math.round((Date.parse(end) - Date.parse(p.plannedStart)) / 86_400_000));
    const advance = shareOf(spent, 3000);
    const progressPay = shareOf(spent, 5000);
    const payments: [bigint, number, string][] = [
      [advance, 0.05, '工程预付款'],
      [progressPay, 0.5, '工程进度款'],
      [spent - advance - progressPay, 0.95, done ? '工程结算款' : '工程进度款（第二期）'],
    ];
    for (const [fen, at, description] of payments) {
      if (fen <= 0n) continue;
      out.expenditures.push({
        reservoir_code: p.reservoirCode,
        kind: 'reinforcement',
        amount: fromFen(fen),
        spent_on: minDate(addDays(p.plannedStart, Math.round(span * at)), STATUS_DATE),
        description,
      });
    }
  }
  return out;
}
