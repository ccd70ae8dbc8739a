import {
  addDays,
  minDate,
  reinforcementStandardFen,
  type ProjectSeed,
  type Random,
  type ReservoirSeed,
  type Scale,
} from '@yz/domain';
import { PROGRAMME_DEADLINE, randomDate } from './dates.js';

type Stage = ProjectSeed['stage'];

/** Stages at STATUS_DATE: most done, some still building or even tendering after the 2025 deadline (overdue). */
const STAGE_WEIGHTS: readonly (readonly [Stage, number])[] = [
  ['final_acceptance', 0.52],
  ['completion_acceptance', 0.3],
  ['construction', 0.15],
  ['tendering', 0.03],
];

/** Progress of the works themselves: done once at acceptance, none before construction. */
function progressAt(rng: Random, stage: Stage): number {
  if (stage === 'completion_acceptance' || stage === 'final_acceptance') return 100;
  return stage === 'construction' ? rng.int(35, 95) : 0;
}

/**
 * The reinforcement (除险加固) project of a category-3 reservoir. All 480 are in the national plan
 * (the policy's explanatory notes: every one appraised as 三类坝 was put into the Ministry's plan);
 * starts spread over 2021–2024, each planned to finish by PROGRAMME_DEADLINE.
 */
export function drawProject(rng: Random, reservoir: ReservoirSeed): ProjectSeed {
  const plannedStart = randomDate(rng, '2021-03-01', '2024-10-31');
  const stage = rng.weighted(STAGE_WEIGHTS);
  return {
    reservoirCode: reservoir.code,
    // Small reservoirs by the policy standard; a medium one by its approved design estimate.
    budget: reservoir.scale === 'medium' ? 100 * rng.int(300_000, 1_200_000) : standardBudget(reservoir.scale),
    inNationalPlan: true,
    stage,
    plannedStart,
    plannedFinish: minDate(addDays(plannedStart, rng.int(270, 720)), PROGRAMME_DEADLINE),
    progressPercent: progressAt(rng, stage),
  };
}

/** The policy's standard reinforcement budget in whole CNY. */
function standardBudget(scale: Exclude<Scale, 'medium'>): number {
  return Number(reinforcementStandardFen(scale)! / 100n);
}
