import { describe, expect, it } from 'vitest';
import { hydrologicalDay } from '../time/hydrological-day.js';
import { addCounts, judgedUntil, owedFrom, reportRates, slotsDue } from './report-rates.js';

const at = (beijing: string) => new Date(`${beijing}+08:00`);

describe('report rates (到报率, 及时率)', () => {
  const day = hydrologicalDay('2026-07-02'); // (1 July 08:00, 2 July 08:00]

  it('owes an hourly station the 24 slots 09:00 … 08:00 of a closed day, a 6-hourly one 4', () => {
    const until = judgedUntil(day.to, at('2026-07-03T12:00'));
    expect(slotsDue(day.from, until, 3600)).toBe(24);
    expect(slotsDue(day.from, until, 6 * 3600)).toBe(4);
  });

  it('counts only closed periods whose allowed delay has passed', () => {
    expect(slotsDue(day.from, judgedUntil(day.to, at('2026-07-01T10:09')), 3600)).toBe(1); // 09:00 only
    expect(slotsDue(day.from, judgedUntil(day.to, at('2026-07-01T10:10')), 3600)).toBe(2); // 10:00 judged now
    expect(slotsDue(day.from, judgedUntil(day.to, at('2026-07-01T08:05')), 3600)).toBe(0);
  });

  it('owes nothing from before the station was monitored: live at 14:20, its first slot is 15:00', () => {
    const until = judgedUntil(day.to, at('2026-07-01T18:30'));
    expect(slotsDue(owedFrom(day.from, at('2026-07-01T14:20')), until, 3600)).toBe(4); // 15:00 … 18:00
    expect(slotsDue(owedFrom(day.from, at('2026-07-01T15:00')), until, 3600)).toBe(3); // 16:00 … 18:00
    // Monitored since before the day, or since always (null): the whole day is owed.
    expect(slotsDue(owedFrom(day.from, at('2026-06-01T00:00')), until, 3600)).toBe(10);
    expect(slotsDue(owedFrom(day.from, null), until, 3600)).toBe(10);
    // Monitored only after the day: nothing owed.
    expect(slotsDue(owedFrom(day.from, at('2026-07-05T00:00')), until, 3600)).toBe(0);
  });

  it('gives received and timely over due, null with nothing due, and adds up areas', () => {
    expect(reportRates({ due: 24, received: 18, timely: 12 })).toEqual({
      due: 24,
      received: 18,
      timely: 12,
      arrivalRate: 0.75,
      timelyRate: 0.5,
    });
    expect(reportRates({ due: 0, received: 0, timely: 0 }).arrivalRate).toBeNull();
    expect(
      addCounts([
        { due: 24, received: 20, timely: 19 },
        { due: 4, received: 4, timely: 1 },
      ]),
    ).toEqual({
      due: 28,
      received: 24,
      timely: 20,
    });
  });
});
