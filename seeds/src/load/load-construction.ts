import type { Database } from '@yz/platform';
import type { Kysely } from 'kysely';
import {
  addDays,
  constructionStandardFen,
  fromFen,
  hashString,
  minDate,
  shareOf,
  type ReservoirSeed,
} from '@yz/domain';
import { STATUS_DATE } from '../generate/dates.js';
import { loadRows, type ConstructionStage, type ProgrammeRows, type ProjectKind } from './load-programme.js';

/**
 * Telemetry (雨水情测报系统) and dam-safety monitoring (大坝安全监测设施) construction, one project per reservoir and
 * kind, as 永政办发〔2021〕32号 sets them:
 * - 一: "分年度完成1290座小型水库雨水情测报系统建设和401座小型水库安全监测系统建设" — every small reservoir gets
 *   telemetry (the 4 medium ones are not among the 1290, so they get no telemetry project), and the 401 monitored
 *   small reservoirs (small(1) and key small(2)) get dam monitoring, year by year within the 2025 horizon;
 * - 五.2: telemetry 80,000 CNY per small(1), 60,000 per small(2); dam monitoring 300,000 per reservoir, "由省财政
 *   安排地方政府一般债券资金解决": all funds are provincial (local-government general bonds), none central.
 * Telemetry was built in two yearly batches (2022, 2023), dam monitoring in three (2022–2024); at the status date
 * (2026-03-31) almost all are accepted, a few are still being commissioned or installed (and so overdue).
 */
type ConstructionKind = Exclude<ProjectKind, 'reinforcement'>;

const DOCUMENT_PREFIX: Record<ConstructionKind, string> = {
  telemetry: '湘财债〔{year}〕{no}号 雨水情测报',
  dam_monitoring: '湘财债〔{year}〕{no}号 大坝安全监测',
};

/** Budget by the standard, in fen. */
function constructionBudgetFen(kind: ConstructionKind, scale: ReservoirSeed['scale']): bigint {
  const fen = constructionStandardFen(kind, scale);
  if (fen === null) throw new Error('The policy funds telemetry of small reservoirs only');
  return fen;
}

/** Which construction projects a registry gets: telemetry for every small reservoir, dam monitoring for the monitored small ones. */
export function constructionTargets(reservoirs: readonly ReservoirSeed[]): [ReservoirSeed, ConstructionKind][] {
  const small = reservoirs.filter((r) => r.scale !== 'medium');
  return [
    ...small.map((r): [ReservoirSeed, ConstructionKind] => [r, 'telemetry']),
    ...small.filter((r) => r.damSafetyMonitoring).map((r): [ReservoirSeed, ConstructionKind] => [r, 'dam_monitoring']),
  ];
}

/** Stage and progress at the status date, from the hash: about 1 in 40 telemetry and 2 in 25 dam-monitoring projects are not done. */
function stageOf(kind: ConstructionKind, h: number): [ConstructionStage, number] {
  if (kind === 'telemetry') return h % 40 === 3 ? ['commissioning', 90 + (h % 10)] : ['acceptance', 100];
  if (h % 25 === 4) return ['installation', 60 + (h % 30)];
  if (h % 25 === 9) return ['commissioning', 90 + (h % 10)];
  return ['acceptance', 100];
}

/** The construction projects and their ledger, before any database: pure and deterministic (from the code hash). */
export function constructionRows(reservoirs: readonly ReservoirSeed[]): ProgrammeRows {
  const out: ProgrammeRows = { projects: [], allocations: [], expenditures: [] };
  for (const [r, kind] of constructionTargets(reservoirs)) {
    const h = hashString(`${r.code}/${kind}`);
    const budgetFen = constructionBudgetFen(kind, r.scale);
    const year = 2022 + (h % (kind === 'telemetry' ? 2 : 3));
    const plannedStart = addDays(`${year}-03-01`, (h >>> 4) % 75);
    const plannedFinish = `${year}-12-31`;
    const [stage, progress] = stageOf(kind, h);
    const done = stage === 'acceptance';
    out.projects.push({
      reservoir_code: r.code,
      kind,
      stage,
      in_national_plan: false,
      planned_start: plannedStart,
      planned_finish: plannedFinish,
      // Accepted from two months early to 45 days late, never after the status date.
      actual_finish: done ? minDate(addDays(plannedFinish, ((h >>> 3) % 106) - 60), STATUS_DATE) : null,
      progress_percent: progress,
      budget: fromFen(budgetFen),
      budget_basis: 'standard',
    });

    // Bond funds arrive before the batch starts: all of the budget, except about one project in 17 (80%).
    const total = h % 17 === 5 ? shareOf(budgetFen, 8000) : budgetFen;
    const document = DOCUMENT_PREFIX[kind].replace('{year}', String(year)).replace('{no}', String(10 + (h % 90)));
    out.allocations.push({
      reservoir_code: r.code,
      kind,
      source: 'provincial',
      amount: fromFen(total),
      allocated_on: addDays(plannedStart, -20 - (h % 30)),
      document,
    });

    // Spending follows the works; accepted projects keep a 0–4.99% retention or surplus. Never more than arrived.
    let spent = shareOf(budgetFen, done ? 9500 + (h % 500) : progress * 100);
    if (spent > total) spent = total;
    const end = minDate(done ? plannedFinish : STATUS_DATE, STATUS_DATE);
    const span = Math.max(1, Math.round((Date.parse(end) - Date.parse(plannedStart)) / 86_400_000));
    const advance = shareOf(spent, 3000);
    const delivery = shareOf(spent, 5000);
    const payments: [bigint, number, string][] = [
      [advance, 0.1, '设备采购预付款'],
      [delivery, 0.6, '设备到货安装款'],
      [spent - advance - delivery, 0.95, done ? '验收结算款' : '安装调试进度款'],
    ];
    for (const [fen, at, description] of payments) {
      if (fen <= 0n) continue;
      out.expenditures.push({
        reservoir_code: r.code,
        kind,
        amount: fromFen(fen),
        spent_on: minDate(addDays(plannedStart, Math.round(span * at)), STATUS_DATE),
        description,
      });
    }
  }
  return out;
}

/** Loads the telemetry and dam-monitoring projects idempotently (by reservoir and kind; ledger rows by natural key). */
export async function loadConstruction(db: Kysely<Database>, reservoirs: readonly ReservoirSeed[]): Promise<void> {
  await loadRows(db, constructionRows(reservoirs));
}
