import { daysInMonth } from '@yz/domain';

/**
 * The telemetry contract's times: ISO-8601 with an offset, seconds and up to 6 fraction digits optional
 * (`2026-06-01T08:00+08:00`, `2026-06-01T00:00:00.123456Z`). Returns epoch milliseconds, or NaN for any other text
 * and for a day or time that does not exist. It gives `new Date(text)`'s answer for every text it takes (24:00 is
 * the next midnight; fraction digits past the millisecond are dropped), but refuses 30 February, which Date rolls
 * over to 2 March. Read by hand because it runs for every reading: the pattern, `new Date` and a calendar check
 * took a third of validation.
 */
export function parseIsoTime(text: string): number {
  const n = text.length;
  if (n < 17 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':') return NaN;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  let second = 0;
  let ms = 0;
  let i = 16;
  if (text[i] === ':') {
    second = twoDigits(text, i + 1);
    i += 3;
    if (text[i] === '.') {
      const first = ++i;
      for (; i < n && i - first < 6 && digit(text, i) >= 0; i++) {
        if (i - first < 3) ms += digit(text, i) * MS_PLACE[i - first];
      }
      if (i === first) return NaN;
    }
  }
  const offsetMin = offsetMinutes(text, i);
  if (
    !(year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) ||
    !(minute <= 59 && second <= 59 && (hour <= 23 || (hour === 24 && minute === 0 && second === 0 && ms === 0)))
  ) {
    return NaN;
  }
  // Date.UTC reads years 0–99 as 1900–1999; the Gregorian calendar repeats every 400 years (146,097 days).
  return Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - GREGORIAN_CYCLE_MS - offsetMin * 60_000;
}

const MS_PLACE = [100, 10, 1];
const GREGORIAN_CYCLE_MS = 146_097 * 86_400_000;

/** The offset from UTC that ends the text at `i` (`Z` or ±HH:MM), in minutes; NaN if the text does not end so. */
function offsetMinutes(text: string, i: number): number {
  if (text[i] === 'Z') return i + 1 === text.length ? 0 : NaN;
  const sign = text[i] === '+' ? 1 : text[i] === '-' ? -1 : NaN;
  if (i + 6 !== text.length || text[i + 3] !== ':') return NaN;
  const hours = twoDigits(text, i + 1);
  const minutes = twoDigits(text, i + 4);
  return hours <= 23 && minutes <= 59 ? sign * (hours * 60 + minutes) : NaN;
}

/** The digit at `i`, or -1. */
function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** The two-digit number at `i`, or NaN (every comparison with it fails). */
function twoDigits(text: string, i: number): number {
  const tens = digit(text, i);
  const ones = digit(text, i + 1);
  return tens < 0 || ones < 0 ? NaN : tens * 10 + ones;
}
