/**
 * The safety-appraisal (安全鉴定) schedule of 《水库大坝安全鉴定办法》, which the Yongzhou measures apply
 * ("当年到期、当年鉴定"): the first appraisal within 5 years of completion, then one every 6–10 years.
 * Dates are YYYY-MM-DD calendar dates in Asia/Shanghai.
 */

export const FIRST_APPRAISAL_YEARS = 5;
export const REAPPRAISAL_MIN_YEARS = 6;
export const REAPPRAISAL_MAX_YEARS = 10;

export const DAM_CATEGORIES = [1, 2, 3] as const;
export type DamCategory = (typeof DAM_CATEGORIES)[number];

/** The date n years later; 29 February becomes 28 February in a common year. */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

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

/** Standard reinforcement budgets (永政办发〔2021〕32号); a medium reservoir's is its approved design estimate. */
export function standardBudget(scale: string): string | null {
  return scale === 'small1' ? '5000000.00' : scale === 'small2' ? '1900000.00' : null;
}

/** Planned duration given to a project opened by an appraisal, until its design sets the real dates. */
export const NEW_PROJECT_YEARS = 2;
