import { dayEndAtOrBefore, dayStartBefore, formatBeijing } from '@yz/domain';
import { arrayValueEnds } from './readings.js';
import type { Elements, ElementValue, Message, Observation } from './types.js';

/*
 * Rainfall increments of one station, from its reports in turn (the rules, with numbers, are in README.md,
 * "Rainfall"). A ledger keeps the sum of every increment stored and how far rain is accounted for; each report adds:
 * 1. the values of one direct element — F4's 5-minute values, else the finest of PN01…P12 — for the intervals after
 *    what is accounted for (they are the truth for their intervals);
 * 2. for what they leave uncovered, what a counter tells minus what is already stored since the counter's reference:
 *    PT since the previous PT, else PD for the day that ended at 08:00 and PJ since the previous PJ of the same day
 *    (or since 08:00). So rain is never counted twice, whichever elements a report carries.
 */

const MINUTE_MS = 60_000;
const FIVE_MINUTES_MS = 5 * MINUTE_MS;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Rain over a fixed period ending at the observation time (minutes), finest first; F4 comes before all of them. */
const PERIODS: readonly (readonly [id: string, minutes: number])[] = [
  ['21', 1],
  ['22', 5],
  ['23', 10],
  ['24', 30],
  ['1A', 60],
  ['1B', 120],
  ['1C', 180],
  ['1D', 360],
  ['1E', 720],
];
const F4 = 'F4';
const PT = '26';
const PJ = '20';
const PD = '1F';

/** A counter's value when last read, and the station's ledger total at that moment. */
export interface CounterMark {
  at: string;
  value: number;
  total: number;
}

/**
 * What a station's rainfall needs from its earlier reports; plain JSON. Persist it with the readings it produced:
 * an older state than the stored readings counts rain twice, a newer one loses the rain of a report retried.
 */
export interface RainState {
  /** Rain is accounted for up to this instant (ISO): a report ending at or before it is a repeat or arrives late. */
  until: string;
  /** The sum of every increment stored for the station (mm): the ledger counters are compared with. */
  total: number;
  /** The hydrological day of the latest increment: its start (08:00, ISO) and the ledger total before that day. */
  day: { start: string; total: number } | null;
  /** The last `26` PT (running total) read. */
  pt: CounterMark | null;
  /** The last `20` PJ (total since 08:00) read. */
  pj: CounterMark | null;
}

export interface RainIncrement {
  /** End of the interval (it starts at the station's previous increment); never after the report's send time. */
  at: Date;
  mm: number;
  /** Where it comes from: a direct element (`F4`, `22`, …) or a counter's difference (`26`, `20`, `1F`). */
  element: string;
}

/**
 * `late`: a repeated or out-of-order report, whose rain is already in a later interval; `ahead`: a report timed
 * after the central station's clock (left out: one such report would make every later one look late); `reset`: PT
 * or PJ fell;
 * `uncounted`: no element of the reports tells the rain of an interval; `mismatch`: a counter says less than is
 * already stored (0 is stored for the interval it covers).
 */
export type RainNoteKind = 'late' | 'ahead' | 'reset' | 'uncounted' | 'mismatch';

export interface RainNote {
  kind: RainNoteKind;
  detail: string;
}

export interface RainUpdate {
  /** The station's new state; null while it has sent no rainfall element. */
  state: RainState | null;
  /** In time order. */
  increments: RainIncrement[];
  notes: RainNote[];
}

/** How far ahead of the central station's clock a report may be timed (as the telemetry pipeline allows). */
const MAX_AHEAD_MS = 10 * MINUTE_MS;

/** The rainfall of one report, received `now`, of a station whose earlier reports left `state`. Pure. */
export function accumulateRain(state: RainState | null, message: Message, now: Date): RainUpdate {
  const ledger = new Ledger(state);
  // Some RTUs repeat F0F0 with the same time before each element: one observation, read as one.
  const byTime = new Map<number, Elements>();
  for (const { observedAt, elements } of message.observations) {
    byTime.set(observedAt.getTime(), { ...elements, ...byTime.get(observedAt.getTime()) });
  }
  const reports = [...byTime]
    .map(([time, elements]) => rainOf({ observedAt: new Date(time), elements }, message.sentAt))
    .filter((r): r is RainReport => r !== null)
    .sort((a, b) => a.end - b.end);
  for (const report of reports) ledger.read(report, now.getTime() + MAX_AHEAD_MS);
  return ledger.update();
}

interface Interval {
  start: number;
  end: number;
  mm: number;
  element: string;
}

/** The rainfall elements of one observation; counters are timed at `end` (in an hourly report, F4's last end). */
interface RainReport {
  end: number;
  direct: Interval[];
  pt: number | null;
  pj: number | null;
  pd: number | null;
}

function rainOf(observation: Observation, sentAt: Date): RainReport | null {
  const { elements, observedAt } = observation;
  let end = observedAt.getTime();
  let direct: Interval[] = [];
  const f4 = elements[F4];
  if (Array.isArray(f4) && f4.length > 0) {
    const ends = arrayValueEnds(observedAt, f4.length, sentAt).map((d) => d.getTime());
    end = ends[ends.length - 1];
    direct = f4.flatMap((mm, i) =>
      mm === null ? [] : [{ start: ends[i] - FIVE_MINUTES_MS, end: ends[i], mm, element: F4 }],
    );
  }
  if (direct.length === 0) {
    for (const [id, minutes] of PERIODS) {
      const mm = amount(elements[id]);
      if (mm === null) continue;
      direct = [{ start: end - minutes * MINUTE_MS, end, mm, element: id }];
      break;
    }
  }
  const [pt, pj, pd] = [PT, PJ, PD].map((id) => amount(elements[id]));
  if (direct.length === 0 && pt === null && pj === null && pd === null) return null;
  return { end, direct, pt, pj, pd };
}

/** A rainfall amount, or null for an invalid marker or a value no rain gauge gives. */
function amount(value: ElementValue | undefined): number | null {
  return typeof value === 'number' && value >= 0 ? value : null;
}

/** What a counter tells at `end`: the rain since `from`, less what the ledger already holds since then. */
interface Counter {
  element: string;
  end: number;
  from: number;
  rain(): number;
}

/** A stretch after what is accounted for that no direct value covers; `from` null before a station's first report. */
interface Piece {
  from: number | null;
  to: number;
}

interface Mark {
  at: number;
  value: number;
  total: number;
}

const round = (mm: number): number => Math.round(mm * 1000) / 1000;
const time = (ms: number): string => formatBeijing(new Date(ms));

class Ledger {
  private until: number | null;
  private total: number;
  private day: { start: number; total: number } | null;
  private pt: Mark | null;
  private pj: Mark | null;
  private readonly increments: RainIncrement[] = [];
  private readonly notes: RainNote[] = [];

  constructor(state: RainState | null) {
    const mark = (m: CounterMark | null): Mark | null => m && { at: Date.parse(m.at), value: m.value, total: m.total };
    this.until = state ? Date.parse(state.until) : null;
    this.total = state?.total ?? 0;
    this.day = state?.day ? { start: Date.parse(state.day.start), total: state.day.total } : null;
    this.pt = mark(state?.pt ?? null);
    this.pj = mark(state?.pj ?? null);
  }

  read(report: RainReport, latest: number): void {
    if (report.end > latest) {
      this.note('ahead', `rain timed ${time(report.end)} is ahead of the central station's clock: left out`);
      return;
    }
    if (this.until !== null && report.end <= this.until) {
      this.note('late', `rain up to ${time(report.end)} is already accounted for up to ${time(this.until)}`);
      return;
    }
    type Event = { at: number; interval: Interval } | { at: number; counter: Counter };
    const events: Event[] = [
      ...report.direct.map((interval) => ({ at: interval.end, interval })),
      ...this.counters(report).map((counter) => ({ at: counter.end, counter })),
    ].sort((a, b) => a.at - b.at || ('interval' in a ? -1 : 1));
    let cursor = this.until;
    let open: Piece[] = [];
    for (const event of events) {
      if ('interval' in event) {
        const { start, end, mm, element } = event.interval;
        if (cursor !== null && start < cursor) continue; // overlaps rain already stored
        if (cursor === null || cursor < start) open.push({ from: cursor, to: start });
        this.store(end, mm, element);
        cursor = end;
      } else {
        const { counter } = event;
        if (cursor === null || cursor < counter.end) open.push({ from: cursor, to: counter.end });
        if (open.length > 0) open = this.fill(open, counter);
        cursor = Math.max(cursor ?? counter.end, counter.end);
      }
    }
    if (cursor !== null && cursor < report.end) open.push({ from: cursor, to: report.end });
    for (const piece of open) this.uncounted(piece.from, piece.to, 'no element of the report tells its rain');
    this.until = report.end;
    if (report.pt !== null) this.pt = { at: report.end, value: report.pt, total: this.total };
    if (report.pj !== null) this.pj = { at: report.end, value: report.pj, total: this.total };
  }

  update(): RainUpdate {
    const iso = (ms: number) => new Date(ms).toISOString();
    const mark = (m: Mark | null): CounterMark | null => m && { at: iso(m.at), value: m.value, total: m.total };
    const state: RainState | null =
      this.until === null
        ? null
        : {
            until: iso(this.until),
            total: this.total,
            day: this.day && { start: iso(this.day.start), total: this.day.total },
            pt: mark(this.pt),
            pj: mark(this.pj),
          };
    return { state, increments: this.increments.sort((a, b) => a.at.getTime() - b.at.getTime()), notes: this.notes };
  }

  /** PT alone when it can be read; else PD (the day that ended at 08:00), then PJ. */
  private counters(report: RainReport): Counter[] {
    const { end, pt, pj, pd } = report;
    const ptMark = this.pt;
    if (pt !== null && ptMark) {
      if (pt >= ptMark.value) {
        return [{ element: PT, end, from: ptMark.at, rain: () => pt - ptMark.value - (this.total - ptMark.total) }];
      }
      this.note(
        'reset',
        `PT fell from ${ptMark.value} to ${pt} at ${time(end)}: reset or wrapped, ${pt} is its new start`,
      );
    }
    const counters: Counter[] = [];
    const dayEnd = dayEndAtOrBefore(end);
    if (pd !== null && (this.until === null || this.until < dayEnd)) {
      const from = dayEnd - DAY_MS;
      counters.push({ element: PD, end: dayEnd, from, rain: () => pd - this.storedSince(from) });
    }
    if (pj !== null) {
      const counter = this.pjCounter(pj, end);
      if (counter) counters.push(counter);
    }
    return counters;
  }

  /** PJ is the rain since 08:00: its difference within one hydrological day, or all of it in a new day. */
  private pjCounter(pj: number, end: number): Counter | null {
    const dayStart = dayStartBefore(end);
    const mark = this.pj;
    if (!mark || dayStartBefore(mark.at) !== dayStart) {
      return { element: PJ, end, from: dayStart, rain: () => pj - this.storedSince(dayStart) };
    }
    if (pj >= mark.value) {
      return { element: PJ, end, from: mark.at, rain: () => pj - mark.value - (this.total - mark.total) };
    }
    // A fall at 08:00 itself is an RTU that starts the new day there: its PJ tells nothing of the day that ended.
    if (end !== dayEndAtOrBefore(end)) {
      this.note('reset', `PJ fell from ${mark.value} to ${pj} within the day at ${time(end)}: ${pj} is its new start`);
    }
    return null;
  }

  /** Stores what the counter leaves unexplained at the end of the last open piece it can speak for. */
  private fill(open: Piece[], counter: Counter): Piece[] {
    const rain = round(counter.rain());
    for (const { from, to } of open) {
      if (from !== null && from < counter.from) {
        this.uncounted(
          from,
          Math.min(to, counter.from),
          `${counter.element} tells the rain since ${time(counter.from)} only`,
        );
      }
    }
    const known = open.filter((piece) => piece.to > counter.from);
    if (known.length === 0) return [];
    if (rain < 0) {
      this.note('mismatch', `${counter.element} says ${-rain} mm less than is stored up to ${time(counter.end)}`);
    }
    this.store(known[known.length - 1].to, Math.max(0, rain), counter.element);
    return [];
  }

  /** Stored rain after the start of a hydrological day (the ledger's day is never a later one). */
  private storedSince(dayStart: number): number {
    return this.day?.start === dayStart ? round(this.total - this.day.total) : 0;
  }

  private store(at: number, mm: number, element: string): void {
    const value = round(mm);
    const dayStart = dayStartBefore(at);
    if (!this.day || dayStart > this.day.start) this.day = { start: dayStart, total: this.total };
    else if (dayStart < this.day.start) this.day.total = round(this.day.total + value);
    this.total = round(this.total + value);
    this.increments.push({ at: new Date(at), mm: value, element });
  }

  private uncounted(from: number | null, to: number, why: string): void {
    if (from !== null) this.note('uncounted', `rain from ${time(from)} to ${time(to)} is not known: ${why}`);
  }

  private note(kind: RainNoteKind, detail: string): void {
    this.notes.push({ kind, detail });
  }
}
