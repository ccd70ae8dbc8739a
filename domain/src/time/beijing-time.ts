/** Beijing time (Asia/Shanghai) is UTC+8 all year, with no daylight saving: a fixed offset gives local dates. */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** An instant as a Date or epoch milliseconds. */
export type Instant = Date | number;

const ms = (at: Instant): number => (typeof at === 'number' ? at : at.getTime());

/** The instant shifted so that its UTC fields read as Beijing wall-clock time. */
function wallClock(at: Instant): Date {
  return new Date(ms(at) + BEIJING_OFFSET_MS);
}

/** `2026-07-01T08:00:00+08:00`: the timestamp format of the MQTT contract and SL 651 JSON. */
export function formatBeijing(at: Instant): string {
  return `${wallClock(at).toISOString().slice(0, 19)}+08:00`;
}

/** The Beijing calendar date of an instant, YYYY-MM-DD (the "today" of every date rule). */
export function beijingDate(at: Instant): string {
  return wallClock(at).toISOString().slice(0, 10);
}

/** Hour of the day in Beijing, fractional (0 ≤ h < 24), for times after 1970. */
export function beijingHour(at: Instant): number {
  return ((ms(at) + BEIJING_OFFSET_MS) % DAY_MS) / HOUR_MS;
}

/** Beijing wall-clock fields of an instant (month 1–12). */
export function beijingFields(at: Instant): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  const t = wallClock(at);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
  };
}

/** The instant of a Beijing wall-clock time (month 1–12). */
export function fromBeijing(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - BEIJING_OFFSET_MS);
}

/** The Beijing calendar day `date` (YYYY-MM-DD) as a UTC interval [from, to), cut at `now` when it is today. */
export function beijingDay(date: string, now: Date): { from: Date; to: Date } {
  const from = new Date(Date.parse(`${date}T00:00:00Z`) - BEIJING_OFFSET_MS);
  const end = new Date(from.getTime() + DAY_MS);
  return { from, to: end < now ? end : now };
}
