import { addYears, type DamCategory, type Random } from '@yz/domain';
import { randomDate } from './dates.js';
import { clamp } from './numeric.js';
import type { AppraisalGroup } from './plan.js';

export interface AppraisalRecord {
  completionYear: number;
  damCategory: DamCategory;
  lastAppraisal: string;
  nextAppraisal: string;
}

/**
 * Completion year and appraisal history as at APPRAISAL_BASELINE_DATE. Appraisals follow the rule: the first
 * within 5 years of completion, then every 6–10 years.
 * - programme: found dangerous (三类坝) in the 2018–2020 appraisal campaign; next one 6–10 years on.
 * - dueBy2022: the 122 whose appraisal fell due in 2019–2020 and had not been done by the baseline.
 * - regular: last appraised 2013–2020, next due 2023–2030; category 1 or 2.
 * Dams are completed by 2003 and last appraised from 2009 on, so every last appraisal is at least 6 years after
 * completion — reachable as a first appraisal plus one or more 6–10-year intervals.
 */
export function drawAppraisal(rng: Random, group: AppraisalGroup): AppraisalRecord {
  // Most small reservoirs in China were built in the campaigns of 1955–1980.
  const completionYear = rng.chance(0.9) ? rng.int(1955, 1980) : rng.int(1981, 2003);
  const damCategory: DamCategory = group === 'programme' ? 3 : rng.chance(0.35) ? 2 : 1;
  const interval = rng.int(6, 10);
  switch (group) {
    case 'programme': {
      const lastAppraisal = randomDate(rng, '2018-01-01', '2020-12-31');
      return { completionYear, damCategory, lastAppraisal, nextAppraisal: addYears(lastAppraisal, interval) };
    }
    case 'dueBy2022': {
      const nextAppraisal = randomDate(rng, '2019-01-01', '2020-12-31');
      return { completionYear, damCategory, lastAppraisal: addYears(nextAppraisal, -interval), nextAppraisal };
    }
    case 'regular': {
      // Draw the next due date first, then step back one interval far enough to land in 2020 or before.
      const nextAppraisal = randomDate(rng, '2023-01-01', '2030-12-31');
      const gap = clamp(interval, Number(nextAppraisal.slice(0, 4)) - 2020, 10);
      return { completionYear, damCategory, lastAppraisal: addYears(nextAppraisal, -gap), nextAppraisal };
    }
  }
}
