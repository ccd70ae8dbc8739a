// Reporting figures of a station over a hydrological day: 到报率 (arrival) and 及时率 (timeliness).
// A scheduled report answers a slot, the end of its reporting period: an hourly station owes the slots 09:00 …
// 08:00 of a day (periods ending inside (08:00, 08:00]). Added reports and repeats are not slots.

/** A report arriving later than this after its slot is received but not on time. */
export const REPORT_DELAY_ALLOWED_MS = 10 * 60_000;

export interface ReportCounts {
  /** Slots whose period has closed and whose allowed delay has passed. */
  due: number;
  /** Distinct due slots received (a late upload included). */
  received: number;
  /** Due slots received within the allowed delay. */
  timely: number;
}

export interface ReportRates extends ReportCounts {
  arrivalRate: number | null;
  timelyRate: number | null;
}

/**
 * The last slot that can be judged at `now`: within the day `(from, to]` and at least the allowed delay old
 * (a report of the slot just ended may still be on its way; it is neither due nor missing yet).
 */
export function judgedUntil(to: Date, now: Date): Date {
  return new Date(Math.min(to.getTime(), now.getTime() - REPORT_DELAY_ALLOWED_MS));
}

/**
 * The start of what a station owes in a day beginning at `from`: nothing before it was monitored (registered), so a
 * station that went live at 14:20 owes the 15:00 slot on, not the morning before it existed.
 */
export function owedFrom(from: Date, monitoredSince: Date | null): Date {
  return monitoredSince !== null && monitoredSince > from ? monitoredSince : from;
}

/** Slots of a station reporting every `intervalS` seconds in `(from, until]` (slots are multiples of the interval). */
export function slotsDue(from: Date, until: Date, intervalS: number): number {
  const step = intervalS * 1000;
  return Math.max(0, Math.floor(until.getTime() / step) - Math.floor(from.getTime() / step));
}

/** 到报率 = received / due, 及时率 = timely / due; null when nothing was due yet. */
export function reportRates({ due, received, timely }: ReportCounts): ReportRates {
  const rate = (n: number) => (due > 0 ? Math.min(1, n / due) : null);
  return { due, received, timely, arrivalRate: rate(received), timelyRate: rate(timely) };
}

/** Counts of several stations (an area, the whole scope) added up. */
export function addCounts(counts: readonly ReportCounts[]): ReportCounts {
  return counts.reduce(
    (sum, c) => ({ due: sum.due + c.due, received: sum.received + c.received, timely: sum.timely + c.timely }),
    {
      due: 0,
      received: 0,
      timely: 0,
    },
  );
}
