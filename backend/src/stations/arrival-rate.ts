const HOUR_MS = 3_600_000;

/** Hourly reports a station owes in the window (started hours count). */
export function expectedReports(from: Date, to: Date): number {
  return Math.max(0, Math.ceil((to.getTime() - from.getTime()) / HOUR_MS));
}

/** 到报率 = reports received / reports expected; null when nothing was expected yet. */
export function arrivalRate(received: number, expected: number): number | null {
  return expected > 0 ? Math.min(1, received / expected) : null;
}
