import { describe, expect, it } from 'vitest';
import { evaluateRain, formatBeijing, RAIN_DEFAULTS, rainSums } from '@yz/domain';
import { accumulateRain, type RainNote, type RainState } from './rainfall.js';
import { uplinkReport } from './samples.js';
import type { Elements, Message } from './types.js';

const HOUR_MS = 3_600_000;
/** The central station's clock: after every report of these tests. */
const NOW = new Date('2026-08-01T00:00:00+08:00');
const at = (beijing: string): Date => new Date(`${beijing}+08:00`);
const hhmm = (d: Date): string => formatBeijing(d).slice(5, 16).replace('T', ' ');

/** A report of station 4311240007 observed at `observed` (Beijing), sent `sentAfterMs` later. */
function report(observed: string, elements: Elements, functionCode = '32', sentAfterMs = 30_000): Message {
  const observedAt = at(observed);
  return uplinkReport({
    functionCode,
    sentAt: new Date(observedAt.getTime() + sentAfterMs),
    observations: [{ observedAt, elements }],
  });
}

/** An hourly (34) report for the hour ending at `hourEnd`, as the standard times it: obs is the first group's end. */
function hourly(hourEnd: string, elements: Elements): Message {
  const observed = formatBeijing(new Date(at(hourEnd).getTime() - 55 * 60_000)).slice(0, 16);
  return report(observed, elements, '34', 55 * 60_000 + 20_000);
}

interface Run {
  /** `[MM-DD hh:mm, mm]` in Beijing time. */
  increments: [string, number][];
  points: { at: number; mm: number; element: string }[];
  notes: RainNote[];
  state: RainState | null;
  total: number;
}

/** Feeds the reports in turn, passing the state through JSON as a database would. */
function feed(messages: Message[], initial: RainState | null = null): Run {
  let state = initial;
  const run: Run = { increments: [], points: [], notes: [], state, total: 0 };
  for (const message of messages) {
    const update = accumulateRain(state, message, NOW);
    state = JSON.parse(JSON.stringify(update.state)) as RainState | null;
    run.increments.push(...update.increments.map((i): [string, number] => [hhmm(i.at), i.mm]));
    run.points.push(...update.increments.map((i) => ({ at: i.at.getTime(), mm: i.mm, element: i.element })));
    run.notes.push(...update.notes);
  }
  run.state = state;
  run.total = round(run.points.reduce((sum, p) => sum + p.mm, 0));
  return run;
}

const round = (mm: number): number => Math.round(mm * 1000) / 1000;

/** Hour ends of the hydrological day starting on `day` at 08:00: 09:00 … 08:00 the next day. */
const hoursOf = (day: string): string[] =>
  Array.from({ length: 24 }, (_, i) =>
    formatBeijing(new Date(at(`${day}T08:00`).getTime() + (i + 1) * HOUR_MS)).slice(0, 16),
  );

/** Rain over `hours` hours ending at `end`, as the alert windows sum it. */
const rainIn = (run: Run, end: number, hours: number): number =>
  round(run.points.filter((p) => p.at > end - hours * HOUR_MS && p.at <= end).reduce((s, p) => s + p.mm, 0));

/** Rain per hour ending at each of `hours`. */
const hourlySums = (run: Run, hours: string[]): number[] => hours.map((end) => rainIn(run, at(end).getTime(), 1));

/** The largest rain over any window of `hours` ending at an increment. */
const maxWindow = (run: Run, hours: number): number => Math.max(...run.points.map((p) => rainIn(run, p.at, hours)));

/** A storm on 1 July: 5-minute rain (mm) over 09:00–12:00, dry otherwise. */
const STORM: number[] = Array.from({ length: 36 }, (_, i) => [0.5, 1.2, 2.4, 0, 0.1, 3.3][i % 6]);
/** 5-minute rain for the hour ending at `hourEnd` (1 July 09:00 … 2 July 08:00). */
const fiveMinute = (hourEnd: string): number[] => {
  const index = (at(hourEnd).getTime() - at('2026-07-01T09:00').getTime()) / HOUR_MS;
  return index >= 0 && index < 3 ? STORM.slice(index * 12, index * 12 + 12) : Array<number>(12).fill(0);
};
const DAY = hoursOf('2026-07-01');
const stormHourly = DAY.map((h) => round(fiveMinute(h).reduce((s, mm) => s + mm, 0)));
const STORM_TOTAL = round(STORM.reduce((s, mm) => s + mm, 0)); // 45 mm
/** PT and PJ at each hour end of the day. */
const cumulative = (start: number) =>
  DAY.map((_, i) => round(start + stormHourly.slice(0, i + 1).reduce((s, mm) => s + mm, 0)));

describe('PJ (20) is the total since 08:00', () => {
  it('hourly PJ 10, 20, 30, 30 … over 24 h is 30.0 mm for the day, not their 690 mm sum', () => {
    const pj = [10, 20, 30, ...Array<number>(21).fill(30)];
    const run = feed(DAY.map((h, i) => report(h, { '20': pj[i] })));
    expect(pj.reduce((s, v) => s + v, 0)).toBe(690);
    expect(run.total).toBe(30);
    expect(run.increments.slice(0, 4)).toEqual([
      ['07-01 09:00', 10],
      ['07-01 10:00', 10],
      ['07-01 11:00', 10],
      ['07-01 12:00', 0],
    ]);
    expect(run.increments).toHaveLength(24);
    // What the alert windows see: at most 10 mm in 1 h, 30 mm in 3, 6, 12 and 24 h.
    expect([1, 3, 6, 12, 24].map((h) => maxWindow(run, h))).toEqual([10, 30, 30, 30, 30]);
    // The alert engine's verdict after each stored increment: no rain alert, and 30.0 mm for the day at 08:00.
    const stored = run.points.map((p) => ({ time: new Date(p.at), value: p.mm }));
    const verdicts = stored.map(({ time }) => evaluateRain(RAIN_DEFAULTS, 'RG1', rainSums(stored, time)));
    expect(verdicts.filter((v) => v.severity !== null)).toEqual([]);
    expect(rainSums(stored, at('2026-07-02T08:00')).day).toBe(30);
    expect(run.notes).toEqual([]);
    // The state to keep for the next report (README, "State to persist").
    expect(run.state).toEqual({
      until: '2026-07-02T00:00:00.000Z',
      total: 30,
      day: { start: '2026-07-01T00:00:00.000Z', total: 0 },
      pt: null,
      pj: { at: '2026-07-02T00:00:00.000Z', value: 30, total: 30 },
    });
  });

  it('starts again at 08:00: the first report of a day is all its PJ, the day that ended is closed by its own PJ', () => {
    const run = feed([
      report('2026-07-01T07:00', { '20': 4 }),
      report('2026-07-01T08:00', { '20': 6 }), // the day ending 08:00: 2 mm more
      report('2026-07-01T09:00', { '20': 1.5 }), // the new day: 1.5 mm since 08:00
      report('2026-07-01T10:00', { '20': 1.5 }),
    ]);
    expect(run.increments).toEqual([
      ['07-01 07:00', 4],
      ['07-01 08:00', 2],
      ['07-01 09:00', 1.5],
      ['07-01 10:00', 0],
    ]);
  });

  it('across a gap over 08:00, stores the rain since 08:00 and reports what no element tells', () => {
    const run = feed([report('2026-07-01T06:00', { '20': 12 }), report('2026-07-01T10:00', { '20': 3 })]);
    expect(run.increments).toEqual([
      ['07-01 06:00', 12],
      ['07-01 10:00', 3],
    ]);
    expect(run.notes).toEqual([
      {
        kind: 'uncounted',
        detail:
          'rain from 2026-07-01T06:00:00+08:00 to 2026-07-01T08:00:00+08:00 is not known: 20 tells the rain since 2026-07-01T08:00:00+08:00 only',
      },
    ]);
  });

  it('takes PD (1F) for the day that ended when an RTU drops PJ back to 0 at 08:00 itself', () => {
    const run = feed([
      report('2026-07-01T07:00', { '20': 20 }),
      report('2026-07-01T08:00', { '20': 0, '1F': 26.5 }),
      report('2026-07-01T09:00', { '20': 2 }),
    ]);
    expect(run.increments).toEqual([
      ['07-01 07:00', 20],
      ['07-01 08:00', 6.5],
      ['07-01 09:00', 2],
    ]);
    expect(run.notes).toEqual([]);
  });

  it('treats a fall within the day as a reset: the new value is the start, and the report says so', () => {
    const run = feed([
      report('2026-07-01T09:00', { '20': 5 }),
      report('2026-07-01T10:00', { '20': 1 }),
      report('2026-07-01T11:00', { '20': 4 }),
    ]);
    expect(run.increments).toEqual([
      ['07-01 09:00', 5],
      ['07-01 11:00', 3],
    ]);
    expect(run.notes.map((n) => n.kind)).toEqual(['reset', 'uncounted']);
  });
});

describe('the same rain, whichever elements carry it', () => {
  const f4Station = [
    hourly('2026-07-01T08:00', { F4: Array<number>(12).fill(0) }),
    ...DAY.map((h) => hourly(h, { F4: fiveMinute(h) })),
  ];
  const ptStation = [
    report('2026-07-01T08:00', { '26': 1234.5 }),
    ...DAY.map((h, i) => report(h, { '26': cumulative(1234.5)[i] })),
  ];
  const pjStation = [
    report('2026-07-01T08:00', { '20': 0 }),
    ...DAY.map((h, i) => report(h, { '20': cumulative(0)[i] })),
  ];

  it('gives the same rain per hour and per day as F4 arrays, as PT and as PJ', () => {
    const runs = [f4Station, ptStation, pjStation].map((messages) => feed(messages));
    for (const run of runs) {
      expect(hourlySums(run, DAY)).toEqual(stormHourly);
      expect(run.total).toBe(STORM_TOTAL);
      expect(run.notes).toEqual([]);
    }
    // PT and PJ give one increment per report, F4 twelve: the 5-minute values end at obs, obs+5 … obs+55 min.
    expect(runs[1].increments).toEqual(runs[2].increments.slice(1));
    expect(runs[0].increments.slice(12, 15)).toEqual([
      ['07-01 08:05', 0.5],
      ['07-01 08:10', 1.2],
      ['07-01 08:15', 2.4],
    ]);
  });

  it('gives the same F4 values from an RTU that stamps the last group (obs 09:00 sent 09:04)', () => {
    const lastGroupStamped = DAY.map((h) => report(h, { F4: fiveMinute(h) }, '34', 4 * 60_000));
    expect(feed(lastGroupStamped).increments).toEqual(feed(f4Station.slice(1)).increments);
  });

  it('stores F4 + PT + PJ of one report once: the 5-minute values, the counters only where they leave a gap', () => {
    const all = DAY.map((h, i) =>
      hourly(h, { F4: fiveMinute(h), '26': cumulative(1234.5)[i], '20': cumulative(0)[i] }),
    );
    const run = feed([hourly('2026-07-01T08:00', { F4: Array<number>(12).fill(0), '26': 1234.5, '20': 0 }), ...all]);
    expect(run.total).toBe(STORM_TOTAL);
    // The first report's PJ also tells the day before its hour (0 mm at 07:00); after it, only F4 values.
    expect(run.points.filter((p) => p.element !== 'F4').map((p) => [hhmm(new Date(p.at)), p.element, p.mm])).toEqual([
      ['07-01 07:00', '20', 0],
    ]);
    expect(run.points).toHaveLength(1 + 12 * 25);
    // A lost hourly report (09:00–10:00): PT tells the rain of its hour, stored at the hour's end.
    const lost = feed([
      hourly('2026-07-01T08:00', { F4: Array<number>(12).fill(0), '26': 1234.5 }),
      ...all.filter((_, i) => i !== 1),
    ]);
    expect(lost.total).toBe(STORM_TOTAL);
    expect(lost.points.filter((p) => p.element === '26').map((p) => [hhmm(new Date(p.at)), p.mm])).toEqual([
      ['07-01 10:00', stormHourly[1]],
    ]);
  });
});

describe('PT (26) is a running total', () => {
  it('waits for a second report: the first only sets the start', () => {
    const first = feed([report('2026-07-01T09:00', { '26': 500 })]);
    expect(first.increments).toEqual([]);
    expect(first.state).toMatchObject({ until: '2026-07-01T01:00:00.000Z', total: 0, pt: { value: 500 } });
    expect(feed([report('2026-07-01T10:00', { '26': 503.5 })], first.state).increments).toEqual([['07-01 10:00', 3.5]]);
  });

  it('spans a gap of days with one increment at its end', () => {
    const run = feed([report('2026-07-01T09:00', { '26': 500 }), report('2026-07-04T15:00', { '26': 612.4 })]);
    expect(run.increments).toEqual([['07-04 15:00', 112.4]]);
  });

  it('loses nothing and counts nothing twice when PT resets mid-storm in hourly F4 reports', () => {
    const pt = cumulative(99_980).map((v) => (v > 99_999.9 ? round(v - 100_000) : v)); // 6 digits: wraps
    const run = feed([
      hourly('2026-07-01T08:00', { F4: Array<number>(12).fill(0), '26': 99_980 }),
      ...DAY.map((h, i) => hourly(h, { F4: fiveMinute(h), '26': pt[i] })),
    ]);
    expect(pt.slice(0, 3)).toEqual([99_995, 10, 25]);
    expect(run.total).toBe(STORM_TOTAL);
    expect(run.notes.map((n) => n.kind)).toEqual(['reset']);
  });

  it('loses nothing when PT resets and PJ tells the same interval', () => {
    const pt = cumulative(800).map((v, i) => (i >= 1 ? Math.round((v - cumulative(800)[0] - 3) * 10) / 10 : v));
    const run = feed([
      report('2026-07-01T08:00', { '26': 800, '20': 0 }),
      ...DAY.map((h, i) => report(h, { '26': Math.max(pt[i], 0.5), '20': cumulative(0)[i] })),
    ]);
    expect(hourlySums(run, DAY)).toEqual(stormHourly);
    expect(run.notes.map((n) => n.kind)).toEqual(['reset']);
  });

  it('with PT alone, a reset leaves the rain of that interval unknown and says so, never counting it twice', () => {
    const run = feed([
      report('2026-07-01T09:00', { '26': 500 }),
      report('2026-07-01T10:00', { '26': 510 }),
      report('2026-07-01T11:00', { '26': 2 }),
      report('2026-07-01T12:00', { '26': 7 }),
    ]);
    expect(run.increments).toEqual([
      ['07-01 10:00', 10],
      ['07-01 12:00', 5],
    ]);
    expect(run.notes.map((n) => n.kind)).toEqual(['reset', 'uncounted']);
    expect(run.notes[1].detail).toContain('2026-07-01T10:00:00+08:00 to 2026-07-01T11:00:00+08:00');
  });
});

describe('repeated, late and first reports', () => {
  it('counts a redelivered report once', () => {
    const frame = report('2026-07-01T10:00', { '20': 3, '26': 103 });
    const run = feed([report('2026-07-01T09:00', { '20': 1, '26': 101 }), frame, frame]);
    expect(run.increments).toEqual([
      ['07-01 09:00', 1],
      ['07-01 10:00', 2],
    ]);
    expect(run.notes.map((n) => n.kind)).toEqual(['late']);
  });

  it('leaves out a report timed ahead of the central station, which would make every later one look late', () => {
    const run = feed([
      report('2026-07-01T09:00', { '26': 100 }),
      report('2099-01-01T09:00', { '26': 90_000 }),
      report('2026-07-01T10:00', { '26': 101 }),
    ]);
    expect(run.increments).toEqual([['07-01 10:00', 1]]);
    expect(run.notes.map((n) => n.kind)).toEqual(['ahead']);
  });

  it('leaves an out-of-order report out: its rain is already in the later interval', () => {
    const run = feed([
      report('2026-07-01T09:00', { '26': 100 }),
      report('2026-07-01T11:00', { '26': 104 }),
      report('2026-07-01T10:00', { '26': 101 }),
      report('2026-07-01T12:00', { '26': 105 }),
    ]);
    expect(run.increments).toEqual([
      ['07-01 11:00', 4],
      ['07-01 12:00', 1],
    ]);
    expect(run.notes.map((n) => n.kind)).toEqual(['late']);
  });

  it('stores at a first report what needs no earlier one: F4, period values, PJ since 08:00', () => {
    expect(feed([hourly('2026-07-01T10:00', { F4: fiveMinute('2026-07-01T10:00'), '26': 10 })]).total).toBe(
      stormHourly[1],
    );
    expect(feed([report('2026-07-01T14:00', { '20': 8.5 })]).increments).toEqual([['07-01 14:00', 8.5]]);
    expect(feed([report('2026-07-01T14:00', { '1A': 2.5 })]).increments).toEqual([['07-01 14:00', 2.5]]);
  });

  it('splits PJ and PN05 of the worked example into the 5 minutes and the time since 08:00 before them', () => {
    const run = feed([report('2020-07-24T17:23', { '20': 13, '22': 4 })]);
    expect(run.increments).toEqual([
      ['07-24 17:18', 9],
      ['07-24 17:23', 4],
    ]);
  });

  it('reads the elements of F0F0 groups repeated with the same time as one observation', () => {
    const message = report('2026-07-01T10:00', { '26': 103 });
    message.observations.push({ observedAt: at('2026-07-01T10:00'), elements: { '20': 3 } });
    const run = feed([report('2026-07-01T09:00', { '26': 101, '20': 1 }), message]);
    expect(run.increments).toEqual([
      ['07-01 09:00', 1],
      ['07-01 10:00', 2],
    ]);
    expect(run.notes).toEqual([]);
    expect(run.state).toMatchObject({ pt: { value: 103 }, pj: { value: 3 } });
  });

  it('reads nothing from reports without rainfall and keeps no state for them', () => {
    expect(accumulateRain(null, report('2026-07-01T09:00', { '39': 312.5, F4: [null, null] }), NOW)).toEqual({
      state: null,
      increments: [],
      notes: [],
    });
  });
});

describe('period values are timed at their period end', () => {
  it('stores PD (1F) of a daily report at 08:00 for the day it ends', () => {
    const run = feed([report('2026-07-01T08:00', { '1F': 12.5 }), report('2026-07-02T08:00', { '1F': 0.5 })]);
    expect(run.increments).toEqual([
      ['07-01 08:00', 12.5],
      ['07-02 08:00', 0.5],
    ]);
  });

  it('fills a report straddling 08:00 from both days without counting F4 twice', () => {
    const f4 = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2];
    const run = feed([
      report('2026-07-01T07:30', { '20': 40 }),
      // 07:30–08:30 as twelve 5-minute values, PJ since 08:00 and PD for the day that ended.
      hourly('2026-07-01T08:30', { F4: f4, '20': 5.1, '1F': 42.1 }),
    ]);
    expect(run.total).toBe(40 + 7.8);
    expect(run.notes).toEqual([]);
  });

  it('does not count a P1 that overlaps rain already stored; the counter fills the gap', () => {
    const run = feed([
      report('2026-07-01T09:00', { '26': 100, '1A': 1 }),
      report('2026-07-01T09:30', { '26': 102, '1A': 2.5 }),
    ]);
    expect(run.increments).toEqual([
      ['07-01 09:00', 1],
      ['07-01 09:30', 2],
    ]);
  });
});
