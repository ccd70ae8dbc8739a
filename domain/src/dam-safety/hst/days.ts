// Calendar days as whole numbers, so lag windows and "consecutive days" are plain integer arithmetic. Date.UTC does
// the calendar; no Date objects are made, as fits parse a few thousand days each.
const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' calendar date (the caller's calendar, Beijing for this system). */
export function dayNumber(day: string): number {
  const m = ISO_DAY.exec(day);
  const [year, month, date] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  // Date.UTC rolls 2025-02-30 over into March and reads years below 100 as 19xx: both are not this day.
  const ms = Date.UTC(year, month - 1, date);
  if (year < 1000 || month < 1 || month > 12 || date < 1 || ms >= Date.UTC(year, month, 1)) {
    throw new Error(`Not a day: ${day}`);
  }
  return ms / DAY_MS;
}

export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 1 on 1 January, 365 or 366 on 31 December. */
export function dayOfYear(day: number): number {
  let year = 1970 + Math.floor(day / 365.2425);
  if (Date.UTC(year, 0, 1) > day * DAY_MS) year--;
  else if (Date.UTC(year + 1, 0, 1) <= day * DAY_MS) year++;
  return day - Date.UTC(year, 0, 1) / DAY_MS + 1;
}
