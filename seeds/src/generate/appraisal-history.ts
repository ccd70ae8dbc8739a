import {
  addDays,
  addYears,
  DEFAULT_RESTRICTION_DEPTH,
  nextAppraisalDue,
  Random,
  type DamCategory,
  type ReservoirSeed,
} from '@yz/domain';
import { APPRAISAL_DUE_DEADLINE, randomDate } from './dates.js';

/** A reinforcement project of the programme as loaded: when (if) it passed acceptance, when it should. */
export interface ProgrammeProject {
  reservoirCode: string;
  acceptedOn: string | null;
  plannedFinish: string;
}

export interface AppraisalEntry {
  reservoirCode: string;
  appraisedOn: string;
  damCategory: DamCategory;
  conclusion: string;
  nextDue: string;
}

export interface ReservoirState {
  code: string;
  damCategory: DamCategory;
  lastAppraisal: string | null;
  nextAppraisal: string;
  /** 限制运用水位 of a category-3 dam not yet through reinforcement acceptance, else null. */
  restrictedLevel: number | null;
}

export interface AppraisalHistory {
  reservoirs: ReservoirState[];
  appraisals: AppraisalEntry[];
}

/** About one dam in 40 lets its latest due date slip: a realistic handful overdue, not a tenth of the city. */
const SLIP_ONE_IN = 40;

const CONCLUSIONS: Record<1 | 2, string> = {
  1: '一类坝：能按设计正常运行',
  2: '二类坝：在一定控制运用条件下能安全运行，需加强维修养护',
};

/**
 * The registry's appraisal history carried forward from the policy baseline (autumn 2021) to `today`, under
 * 《水库大坝安全鉴定办法》 and "当年到期、当年鉴定":
 * - the 122 due by end-2022 were appraised in 2022; every later due date was met in its year, before the date, but
 *   for a handful that slipped (still overdue today);
 * - results: mostly category 2 among the overdue old dams of 2022, mostly 1 later. None is category 3: the seeds
 *   keep the policy's 480 programme projects as they are (a category-3 result recorded through the API opens a
 *   locally funded project, funding/locallyFunded);
 * - a programme dam: next appraisal five years after its reinforcement's acceptance (or its planned acceptance
 *   while the works go on), restricted level until accepted.
 * Pure and deterministic: the draws come from each reservoir's code.
 */
export function carryAppraisalsForward(
  reservoirs: readonly ReservoirSeed[],
  programme: readonly ProgrammeProject[],
  today: string,
): AppraisalHistory {
  const projectOf = new Map(programme.map((p) => [p.reservoirCode, p]));
  const out: AppraisalHistory = { reservoirs: [], appraisals: [] };
  for (const r of reservoirs) {
    const rng = Random.derive(0, `appraisal:${r.code}`);
    const project = projectOf.get(r.code);
    if (project) {
      out.reservoirs.push({
        code: r.code,
        damCategory: r.damCategory,
        lastAppraisal: r.lastAppraisal,
        nextAppraisal: nextAppraisalDue({ ...r, reinforcementAcceptedOn: project.acceptedOn ?? project.plannedFinish }),
        restrictedLevel: project.acceptedOn ? null : restricted(r),
      });
      continue;
    }
    let { lastAppraisal, nextAppraisal } = r;
    let damCategory: DamCategory = r.damCategory;
    while (nextAppraisal <= today) {
      const campaign2022 = nextAppraisal <= APPRAISAL_DUE_DEADLINE;
      if (!campaign2022 && rng.chance(1 / SLIP_ONE_IN)) break;
      const yearStart = `${nextAppraisal.slice(0, 4)}-01-01`;
      const early = addDays(nextAppraisal, -rng.int(0, 90));
      const appraisedOn = campaign2022
        ? randomDate(rng, '2022-03-01', '2022-11-30')
        : early < yearStart
          ? yearStart
          : early;
      damCategory = drawCategory(rng, campaign2022);
      const nextDue = addYears(appraisedOn, rng.int(6, 10));
      out.appraisals.push({
        reservoirCode: r.code,
        appraisedOn,
        damCategory,
        conclusion: CONCLUSIONS[damCategory],
        nextDue,
      });
      lastAppraisal = appraisedOn;
      nextAppraisal = nextDue;
    }
    out.reservoirs.push({ code: r.code, damCategory, lastAppraisal, nextAppraisal, restrictedLevel: null });
  }
  return out;
}

/** The old dams overdue in 2022 (long unappraised) are more often category 2 than those appraised on time. */
function drawCategory(rng: Random, campaign2022: boolean): 1 | 2 {
  return rng.chance(campaign2022 ? 0.55 : 0.3) ? 2 : 1;
}
/** The default restricted level: a metre below the flood-limit level, never below the dead level. */
function restricted(r: ReservoirSeed): number {
  return Math.max(r.levels.deadLevel, r.levels.floodLimitLevel - DEFAULT_RESTRICTION_DEPTH);
}
