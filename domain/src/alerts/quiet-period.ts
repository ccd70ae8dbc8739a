import { compareSeverity, type Severity } from './severity.js';

export const DEFAULT_QUIET_PERIOD_MS = 30 * 60_000;

/** A message already logged for one alert. */
export interface PastNotification {
  phone: string;
  severity: Severity;
  createdAt: Date;
  status: 'queued' | 'sent' | 'failed';
}

/**
 * True when `phone` was told about this alert at this severity or a higher one within the quiet period, so telling
 * again would only be noise. A failed delivery told nobody; a rise in severity is news and always goes out.
 */
export function toldRecently(
  history: readonly PastNotification[],
  phone: string,
  severity: Severity,
  now: Date,
  quietPeriodMs: number = DEFAULT_QUIET_PERIOD_MS,
): boolean {
  return history.some(
    (n) =>
      n.phone === phone &&
      n.status !== 'failed' &&
      compareSeverity(n.severity, severity) >= 0 &&
      now.getTime() - n.createdAt.getTime() < quietPeriodMs,
  );
}
