import { FrameError } from './errors.js';

/** SL 651 times carry no zone: they are Beijing time (UTC+8, no daylight saving). */
const OFFSET_MS = 8 * 3_600_000;
/** February is computed: every year 2000–2099 divisible by 4 is a leap year. */
const DAYS_IN_MONTH = [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const DAY_MS = 24 * 3_600_000;
/** The hydrological day starts at 08:00 Beijing time, which is 00:00 UTC. */
const DAY_START_MS = 8 * 3_600_000 - OFFSET_MS;

/** Start of the hydrological day `ms` belongs to: the latest 08:00 strictly before it (08:00 itself ends a day). */
export function dayStartBefore(ms: number): number {
  return Math.ceil((ms - DAY_START_MS) / DAY_MS) * DAY_MS - DAY_MS + DAY_START_MS;
}

/** The latest 08:00 at or before `ms`: the end of the last whole hydrological day. */
export function dayEndAtOrBefore(ms: number): number {
  return Math.floor((ms - DAY_START_MS) / DAY_MS) * DAY_MS + DAY_START_MS;
}

/** `[YY, MM, DD, hh, mm, ss]` (seconds optional) to an instant; an impossible date is a FrameError naming `what`. */
export function timeFromParts(parts: readonly number[], what: string): Date {
  const [yy, month, day, hour, minute] = parts;
  const second = parts.length > 5 ? parts[5] : 0;
  const year = 2000 + yy;
  const daysInMonth = month === 2 ? (year % 4 === 0 ? 29 : 28) : DAYS_IN_MONTH[month - 1];
  if (!(month >= 1 && month <= 12) || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    throw new FrameError(`invalid ${what} ${parts.map((n) => String(n).padStart(2, '0')).join('')}`);
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - OFFSET_MS);
}

/** Beijing `[YY, MM, DD, hh, mm, ss]` of an instant; SL 651 years are two digits, so 2000–2099 only. */
export function beijingParts(date: Date): number[] {
  const local = new Date(date.getTime() + OFFSET_MS);
  const year = local.getUTCFullYear();
  if (!(year >= 2000 && year <= 2099)) throw new RangeError(`${date.toISOString()} is outside 2000–2099`);
  return [
    year - 2000,
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
  ];
}

/** ISO-8601 in Beijing time, e.g. `2026-07-01T06:00:36+08:00`. */
export function formatBeijing(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}
