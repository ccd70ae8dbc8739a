/**
 * The safety-appraisal (安全鉴定) schedule of 《水库大坝安全鉴定办法》, which the Yongzhou measures apply
 * ("当年到期、当年鉴定"): the first appraisal within 5 years of completion, then one every 6–10 years.
 * Dates are YYYY-MM-DD calendar dates in Asia/Shanghai.
 */

import { fromFen } from '../funding/money.js';
import { reinforcementStandardFen } from '../funding/funding-policy.js';
import { addYears } from '../time/calendar.js';

export const FIRST_APPRAISAL_YEARS = 5;
export const REAPPRAISAL_MIN_YEARS = 6;
export const REAPPRAISAL_MAX_YEARS = 10;

/** The first appraisal is due by the end of the fifth year after the completion year. */
export function firstAppraisalDue(completionYear: number): string {
  return `${completionYear + FIRST_APPRAISAL_YEARS}-12-31`;
}

/**
 * Default next appraisal: the shortest interval the rules allow (6 years), for every category. A category-3 dam
 * is re-appraised as part of its reinforcement's acceptance anyway, and an engineer may choose a later date
 * (up to 10 years) by giving nextDue.
 */
export function defaultNextDue(appraisedOn: string): string {
  return addYears(appraisedOn, REAPPRAISAL_MIN_YEARS);
}

/** After reinforcement (除险加固) acceptance the next appraisal is due within 5 years (水库大坝安全鉴定办法). */
export const AFTER_REINFORCEMENT_YEARS = 5;

/**
 * The next appraisal of a dam: five years after its reinforcement's acceptance when that came after the last
 * appraisal, else the default interval after the last appraisal (or the first appraisal after completion).
 */
export function nextAppraisalDue(dam: {
  completionYear: number;
  lastAppraisal: string | null;
  reinforcementAcceptedOn?: string | null;
}): string {
  const { lastAppraisal, reinforcementAcceptedOn } = dam;
  if (reinforcementAcceptedOn && (lastAppraisal === null || reinforcementAcceptedOn > lastAppraisal)) {
    return addYears(reinforcementAcceptedOn, AFTER_REINFORCEMENT_YEARS);
  }
  return lastAppraisal === null ? firstAppraisalDue(dam.completionYear) : defaultNextDue(lastAppraisal);
}

/** Why a chosen next-due date is refused, or null: it must fall after the appraisal and within 10 years. */
export function nextDueError(appraisedOn: string, nextDue: string): string | null {
  if (nextDue <= appraisedOn) return 'nextDue must be after appraisedOn';
  if (nextDue > addYears(appraisedOn, REAPPRAISAL_MAX_YEARS)) {
    return `nextDue must be at most ${REAPPRAISAL_MAX_YEARS} years after appraisedOn`;
  }
  return null;
}

/** Due this year: the next appraisal falls in today's calendar year (whether or not that day has passed). */
export function isDueThisYear(nextAppraisal: string, today: string): boolean {
  return nextAppraisal.slice(0, 4) === today.slice(0, 4);
}

/** Overdue: the next appraisal date is before today. */
export function isAppraisalOverdue(nextAppraisal: string, today: string): boolean {
  return nextAppraisal < today;
}

/** The first and last day of today's year, for filtering in SQL. */
export function yearBounds(today: string): [string, string] {
  const y = today.slice(0, 4);
  return [`${y}-01-01`, `${y}-12-31`];
}

/** The reinforcement budget of a project an appraisal opens: the standard; a medium reservoir's is its estimate. */
export function standardBudget(scale: string): string | null {
  const fen = reinforcementStandardFen(scale);
  return fen === null ? null : fromFen(fen);
}

/** Planned duration given to a project opened by an appraisal, until its design sets the real dates. */
export const NEW_PROJECT_YEARS = 2;
