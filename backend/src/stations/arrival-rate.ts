const HOUR_MS = 3_600_000;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

/** The Beijing-time calendar day `date` (YYYY-MM-DD) as a UTC interval, cut at `now` when it is today. */
export function beijingDay(date: string, now: Date): { from: Date; to: Date } {
  const from = new Date(Date.parse(`${date}T00:00:00Z`) - BEIJING_OFFSET_MS);
  const end = new Date(from.getTime() + 24 * HOUR_MS);
  return { from, to: end < now ? end : now };
}

export function beijingToday(now: Date): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Hourly reports a station owes in the window (started hours count). */
export function expectedReports(from: Date, to: Date): number {
  return Math.max(0, Math.ceil((to.getTime() - from.getTime()) / HOUR_MS));
}

/** 到报率 = reports received / reports expected; null when nothing was expected yet. */
export function arrivalRate(received: number, expected: number): number | null {
  return expected > 0 ? Math.min(1, received / expected) : null;
}
