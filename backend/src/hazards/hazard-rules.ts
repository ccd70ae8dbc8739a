/** The hazard ledger (隐患台账): hazards found by inspection are rectified by a deadline and closed with evidence. */

export const HAZARD_SOURCES = ['patrol', 'inspection', 'appraisal', 'monitoring'] as const;
export type HazardSource = (typeof HAZARD_SOURCES)[number];

/** 一般隐患 / 重大隐患. */
export const SEVERITIES = ['general', 'major'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const HAZARD_STATUSES = ['open', 'rectifying', 'closed'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

/** Where on the dam, as inspection forms name the parts. */
export const DAM_LOCATIONS = ['坝顶', '上游坝坡', '下游坝坡', '坝脚', '溢洪道', '放水设施', '其他'] as const;

/** Overdue: not closed and the rectification deadline has passed (today is the Asia/Shanghai date). */
export function isHazardOverdue(h: { status: HazardStatus; rectificationDeadline: string }, today: string): boolean {
  return h.status !== 'closed' && h.rectificationDeadline < today;
}

export interface HazardDates {
  foundOn: string;
  rectificationDeadline: string;
}

/** Why a hazard's dates are refused, or null. */
export function hazardDatesError(h: HazardDates, today: string): string | null {
  if (h.foundOn > today) return 'foundOn must not be in the future';
  if (h.rectificationDeadline < h.foundOn) return 'rectificationDeadline must not be before foundOn';
  return null;
}

/** 对账销号: a hazard is closed only with evidence of the rectification, on a date not before it was found. */
export function closingError(evidence: string | null | undefined, closedOn: string, foundOn: string): string | null {
  if (!evidence?.trim()) return 'evidence: closing a hazard requires evidence of its rectification (对账销号)';
  if (closedOn < foundOn) return 'closedOn must not be before foundOn';
  return null;
}
