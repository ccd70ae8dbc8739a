import type { Severity } from './severity.js';

export interface EscalationOptions {
  /** How long an alert of each severity may stay unacknowledged before the next level is told. */
  ackTimeoutMs: Record<Exclude<Severity, 'info'>, number>;
  /** The highest level; beyond it nobody new is left to tell. */
  maxLevel: number;
}

export const DEFAULT_ESCALATION: EscalationOptions = {
  ackTimeoutMs: { warning: 60 * 60_000, major: 15 * 60_000, critical: 15 * 60_000 },
  maxLevel: 2,
};

/**
 * The escalation level an alert has reached at `now`: one for each ack timeout it has stayed open since its
 * severity was last set (`since`). Acknowledged, resolved and info alerts stay at 0.
 */
export function dueLevel(
  alert: { severity: Severity; state: string; since: Date },
  now: Date,
  options: EscalationOptions = DEFAULT_ESCALATION,
): number {
  if (alert.state !== 'open' || alert.severity === 'info') return 0;
  const elapsed = now.getTime() - alert.since.getTime();
  return Math.max(0, Math.min(options.maxLevel, Math.floor(elapsed / options.ackTimeoutMs[alert.severity])));
}
