/** Beijing time is UTC+8 all year (no daylight saving). */
const OFFSET_MS = 8 * 3_600_000;

/** `2026-07-01T08:00:00+08:00`: the timestamp format of the MQTT contract. */
export function formatBeijing(ms: number): string {
  return `${new Date(ms + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** Hour of the day in Beijing, fractional (0 ≤ h < 24), for times after 1970. */
export function beijingHour(ms: number): number {
  return ((ms + OFFSET_MS) % 86_400_000) / 3_600_000;
}

/** Hunan flood season: 1 April – 30 September. */
export function isFloodSeason(ms: number): boolean {
  const month = new Date(ms + OFFSET_MS).getUTCMonth() + 1;
  return month >= 4 && month <= 9;
}
