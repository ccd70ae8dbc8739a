import { beijingFields, daysInMonth, fromBeijing } from '@yz/domain';
import { FrameError } from './errors.js';

// SL 651 times carry no zone: they are Beijing time (UTC+8, no daylight saving).

/** `[YY, MM, DD, hh, mm, ss]` (seconds optional) to an instant; an impossible date is a FrameError naming `what`. */
export function timeFromParts(parts: readonly number[], what: string): Date {
  const [yy, month, day, hour, minute] = parts;
  const second = parts.length > 5 ? parts[5] : 0;
  const year = 2000 + yy;
  if (
    !(month >= 1 && month <= 12) ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new FrameError(`invalid ${what} ${parts.map((n) => String(n).padStart(2, '0')).join('')}`);
  }
  return fromBeijing(year, month, day, hour, minute, second);
}

/** Beijing `[YY, MM, DD, hh, mm, ss]` of an instant; SL 651 years are two digits, so 2000–2099 only. */
export function beijingParts(date: Date): number[] {
  const { year, month, day, hour, minute, second } = beijingFields(date);
  if (!(year >= 2000 && year <= 2099)) throw new RangeError(`${date.toISOString()} is outside 2000–2099`);
  return [year - 2000, month, day, hour, minute, second];
}
