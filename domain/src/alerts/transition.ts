import { compareSeverity, type Severity } from './severity.js';
import type { Evaluation } from './evaluation.js';

export type Transition = { action: 'open' | 'escalate'; severity: Severity } | { action: 'keep' | 'resolve' | 'none' };

/**
 * What to do with a rule's alert given its newest evaluation. `open` is the severity of the rule's open alert, or
 * null when none is open. Alerts escalate in place, never de-escalate, and resolve only once the evaluation is
 * clear of the rule's hysteresis band, so noise around a threshold neither flaps nor re-opens.
 */
export function decideTransition(
  open: Severity | null,
  evaluation: Pick<Evaluation, 'severity' | 'clear'>,
): Transition {
  const { severity } = evaluation;
  if (open === null) return severity === null ? { action: 'none' } : { action: 'open', severity };
  if (severity !== null && compareSeverity(severity, open) > 0) return { action: 'escalate', severity };
  return evaluation.clear ? { action: 'resolve' } : { action: 'keep' };
}
