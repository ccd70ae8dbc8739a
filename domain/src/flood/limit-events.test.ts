import { describe, expect, it } from 'vitest';
import {
  stepFloodLimitEvents,
  stepSpillEvents,
  type EventChange,
  type FloodLimitContext,
  type LimitWatch,
  type SpillWatch,
} from './limit-events.js';
import { emptyWatch } from './threshold-watch.js';
import { beijing, LEVELS, RESERVOIR } from './test-fixtures.js';

// Flood-limit level 110 m; S = 50 + 10·(Z − 110) × 10⁴ m³.
const season: FloodLimitContext = { levels: LEVELS, dam: RESERVOIR.dam, curve: RESERVOIR.curve, floodSeason: true };
const iso = (monthDayTime: string) => beijing(monthDayTime).toISOString();

/** Feeds `readings` one by one, the state going through JSON between steps as ingest would store it. */
function feed<S, E>(
  step: (state: S, reading: { time: Date; value: number }) => { state: S; change: EventChange<E> | null },
  initial: S,
  readings: [string, number][],
): { state: S; changes: EventChange<E>[] } {
  let state = initial;
  const changes: EventChange<E>[] = [];
  for (const [time, value] of readings) {
    const next = step(JSON.parse(JSON.stringify(state)) as S, { time: beijing(time), value });
    state = next.state;
    if (next.change) changes.push(next.change);
  }
  return { state, changes };
}

const limitStep = (ctx: FloodLimitContext) => (state: LimitWatch, reading: { time: Date; value: number }) =>
  stepFloodLimitEvents(state, reading, ctx);

describe('above-flood-limit events', () => {
  it('opens on two readings above, holds through a 2 cm dip and closes after an hour 5 cm below', () => {
    const { changes, state } = feed(limitStep(season), emptyWatch(), [
      ['07-01T06:00', 109.98],
      ['07-01T06:15', 110.02], // first above: waits for a second
      ['07-01T06:30', 110.1], // second: the event opens at 06:15
      ['07-01T06:45', 110.3],
      ['07-01T07:00', 110.42], // the peak
      ['07-01T07:15', 110.2],
      ['07-01T07:30', 109.98], // a 2 cm dip: the event holds
      ['07-01T07:45', 110.05],
      ['07-01T08:00', 109.95], // 5 cm below...
      ['07-01T08:15', 109.9],
      ['07-01T08:30', 109.96], // ...but back within the band after 30 min: still held
      ['07-01T08:45', 109.94], // 5 cm below again, and stays:
      ['07-01T09:00', 109.93],
      ['07-01T09:30', 109.91],
      ['07-01T09:45', 109.9], // an hour since 08:45: closed, ending at 08:45
    ]);
    expect(changes.map((c) => [c.type, c.event.peakLevel])).toEqual([
      ['open', 110.1],
      ['update', 110.3],
      ['update', 110.42],
      ['close', 110.42],
    ]);
    expect(changes.at(-1)?.event).toEqual({
      start: iso('07-01T06:15'),
      end: iso('07-01T08:45'),
      durationHours: 2.5,
      threshold: { level: 110, kind: 'floodLimit' },
      peakLevel: 110.42,
      peakAt: iso('07-01T07:00'),
      excessStorage: 4.2, // S(110.42) − S(110) = 10 × 0.42
    });
    expect(state.open).toBeNull();
  });

  it('does not open on a single reading above', () => {
    const { changes, state } = feed(limitStep(season), emptyWatch(), [
      ['07-01T06:00', 110.1],
      ['07-01T06:15', 110],
      ['07-01T06:30', 110.2],
    ]);
    expect(changes).toEqual([]);
    expect(state.candidate).toEqual({ time: iso('07-01T06:30'), level: 110.2 });
  });

  it('ignores a redelivered or late reading', () => {
    const { changes } = feed(limitStep(season), emptyWatch(), [
      ['07-01T06:00', 110.1],
      ['07-01T06:15', 110.2],
      ['07-01T06:15', 110.9], // the same time again
      ['07-01T06:05', 111], // older than the newest
      ['07-01T06:30', 110.3],
    ]);
    expect(changes.map((c) => [c.type, c.event.peakLevel])).toEqual([
      ['open', 110.2],
      ['update', 110.3],
    ]);
  });

  it('opens nothing outside the flood season and closes an open event when the season ends', () => {
    const offSeason = { ...season, floodSeason: false };
    expect(
      feed(limitStep(offSeason), emptyWatch(), [
        ['10-02T06:00', 110.5],
        ['10-02T07:00', 110.6],
      ]).changes,
    ).toEqual([]);

    const open = feed(limitStep(season), emptyWatch(), [
      ['09-30T22:00', 110.5],
      ['09-30T23:00', 110.6],
    ]);
    const closed = stepFloodLimitEvents(open.state, { time: beijing('10-01T00:00'), value: 110.6 }, offSeason);
    expect(closed.change).toMatchObject({
      type: 'close',
      event: { start: iso('09-30T22:00'), end: iso('10-01T00:00'), durationHours: 2 },
    });
  });

  it('watches the restricted level of a category-3 dam, and the flood limit once it is accepted', () => {
    const readings: [string, number][] = [
      ['07-01T06:00', 109.5],
      ['07-01T07:00', 109.6],
    ];
    const restricted = { ...season, dam: { damCategory: 3, reinforcementAccepted: false } as const };
    expect(feed(limitStep(restricted), emptyWatch(), readings).changes).toEqual([
      {
        type: 'open',
        event: {
          start: iso('07-01T06:00'),
          end: null,
          durationHours: null,
          threshold: { level: 109, kind: 'restricted' },
          peakLevel: 109.6,
          peakAt: iso('07-01T07:00'),
          excessStorage: 6, // 10 × (109.6 − 109)
        },
      },
    ]);
    const accepted = { ...restricted, dam: { ...restricted.dam, reinforcementAccepted: true } };
    expect(feed(limitStep(accepted), emptyWatch(), readings).changes).toEqual([]);
  });
});

describe('spill events', () => {
  it('records the start, end and peak discharge of a spill over the crest', () => {
    const spillway = { crestLevel: 110, width: 5, coefficient: 1.7 };
    const step = (state: SpillWatch, reading: { time: Date; value: number }) =>
      stepSpillEvents(state, reading, spillway);
    const { changes } = feed(step, emptyWatch(), [
      ['07-01T06:00', 110.1],
      ['07-01T07:00', 110.3],
      ['07-01T08:00', 110.8],
      ['07-01T09:00', 110.5],
      ['07-01T10:00', 109.95],
      ['07-01T11:00', 109.92],
    ]);
    expect(changes.map((c) => c.type)).toEqual(['open', 'update', 'close']);
    expect(changes.at(-1)?.event).toEqual({
      start: iso('07-01T06:00'),
      end: iso('07-01T10:00'),
      durationHours: 4,
      threshold: { level: 110, kind: 'spillwayCrest' },
      peakLevel: 110.8,
      peakAt: iso('07-01T08:00'),
      peakDischarge: 6.08, // 1.7 × 5 × 0.8^1.5 = 6.082 m³/s
    });
  });
});
