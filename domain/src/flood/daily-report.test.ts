import { describe, expect, it } from 'vitest';
import { buildDailyReport, type DailyReportInput, type ReportReservoir } from './daily-report.js';
import { beijing, RESERVOIR } from './test-fixtures.js';

// The report of 2026-07-01 covers the hydrological day (06-30 08:00, 07-01 08:00] Beijing time.
// Every reservoir: flood-limit 110 m, S = 50 + 10·(Z − 110) × 10⁴ m³.
const rain = (readings: [string, number][]) => readings.map(([time, value]) => ({ time: beijing(time), value }));
const station = (received: number, online = true) => ({
  monitored: true,
  online,
  lastReportAt: online ? beijing('07-01T08:00') : beijing('06-29T17:00'),
  received,
  expected: 24,
});
function reservoir(code: string, areaCode: string, rest: Partial<ReportReservoir>): ReportReservoir {
  return {
    code,
    name: `水库${code}`,
    areaCode,
    levels: RESERVOIR.levels,
    dam: RESERVOIR.dam,
    curve: RESERVOIR.curve,
    rainfall: [],
    level: null,
    station: station(24),
    ...rest,
  };
}

const R1 = reservoir('R1', 'A1', {
  rainfall: rain([
    ['06-30T07:00', 5], // the day before
    ['06-30T08:00', 3], // ends at 08:00 on 06-30: the day before too
    ['06-30T09:00', 2.5],
    ['06-30T20:00', 10],
    ['07-01T08:00', 4.5], // ends at 08:00: this day
    ['07-01T08:05', 7], // after 08:00: the next day
  ]), // 2.5 + 10 + 4.5 = 17.0 mm
  level: { time: beijing('07-01T08:00'), value: 110.3 },
});
const R2 = reservoir('R2', 'A1', {
  rainfall: rain([
    ['06-30T12:00', 0.5],
    ['07-01T03:00', 1],
  ]), // 1.5 mm
  level: { time: beijing('07-01T06:30'), value: 110.5 }, // 1.5 h before 08:00: too old to count as the 08:00 level
});
const R3 = reservoir('R3', 'A1', {
  rainfall: rain([['06-29T12:00', 8]]), // nothing in the day: not reporting
  level: { time: beijing('07-01T07:55'), value: 109.9 },
  station: station(0, false),
});
const R4 = reservoir('R4', 'A2', {
  rainfall: rain([
    ['06-30T15:00', 30.2],
    ['07-01T06:00', 12.3],
  ]), // 42.5 mm
  level: { time: beijing('07-01T07:30'), value: 109.4 },
  dam: { damCategory: 3, reinforcementAccepted: false }, // restricted to 109 m
  station: station(26), // more than owed: counts as 24
});
const R5 = reservoir('R5', 'A2', {
  rainfall: null, // no gauge
  level: { time: beijing('07-01T08:00'), value: 110 }, // at the limit, not above
  station: station(20),
});
// Registered after the day: it owed nothing, and was not offline.
const R6 = reservoir('R6', 'A2', {
  rainfall: [],
  station: { monitored: false, online: false, lastReportAt: null, received: 0, expected: 0 },
});

const input: DailyReportInput = {
  date: '2026-07-01',
  floodSeason: true,
  areas: [
    { code: 'A1', name: '甲区' },
    { code: 'A2', name: '乙县' },
  ],
  reservoirs: [R1, R2, R3, R4, R5, R6],
  openAlerts: [{ severity: 'warning' }, { severity: 'major' }, { severity: 'warning' }],
};

const S = (code: string, areaCode: string, rainfall: number) => ({ code, name: `水库${code}`, areaCode, rainfall });

describe('daily report', () => {
  const report = buildDailyReport(input);

  it('covers the hydrological day ending at 08:00 Beijing time on the date', () => {
    expect(report).toMatchObject({
      date: '2026-07-01',
      from: '2026-06-30T00:00:00.000Z',
      to: '2026-07-01T00:00:00.000Z',
    });
  });

  it('sums rain per station with 08:00 exactly in the day ending then and 08:05 in the next', () => {
    expect(report.rainfall.wettest).toEqual([S('R4', 'A2', 42.5), S('R1', 'A1', 17), S('R2', 'A1', 1.5)]);
    expect(buildDailyReport({ ...input, wettest: 1 }).rainfall.wettest).toEqual([S('R4', 'A2', 42.5)]);
  });

  it('gives each area the mean of its reporting gauges and its wettest station', () => {
    expect(report.rainfall.areas).toEqual([
      // (17.0 + 1.5) / 2 = 9.25; R3 sent no rain for the day and is left out of the mean.
      { areaCode: 'A1', name: '甲区', gauges: 3, reporting: 2, mean: 9.3, max: S('R1', 'A1', 17) },
      { areaCode: 'A2', name: '乙县', gauges: 1, reporting: 1, mean: 42.5, max: S('R4', 'A2', 42.5) },
    ]);
    // (17.0 + 1.5 + 42.5) / 3 = 20.33
    expect(report.rainfall.total).toEqual({ gauges: 4, reporting: 3, mean: 20.3, max: S('R4', 'A2', 42.5) });
  });

  it('lists the reservoirs above their effective limit at 08:00, largest excess first', () => {
    expect(report.aboveLimit).toEqual([
      {
        code: 'R4',
        name: '水库R4',
        areaCode: 'A2',
        level: 109.4,
        levelAt: beijing('07-01T07:30').toISOString(),
        limitLevel: 109,
        limitKind: 'restricted',
        excess: 0.4,
        excessStorage: 4,
      },
      {
        code: 'R1',
        name: '水库R1',
        areaCode: 'A1',
        level: 110.3,
        levelAt: beijing('07-01T08:00').toISOString(),
        limitLevel: 110,
        limitKind: 'floodLimit',
        excess: 0.3,
        excessStorage: 3,
      },
    ]);
  });

  it('compares with the normal pool outside the flood season', () => {
    const winter = buildDailyReport({ ...input, floodSeason: false });
    expect(winter.aboveLimit.map((r) => [r.code, r.limitKind, r.limitLevel])).toEqual([['R1', 'normalPool', 110]]);
  });

  it('ignores a level read after 08:00', () => {
    const late = { ...R1, level: { time: beijing('07-01T08:05'), value: 111 } };
    expect(buildDailyReport({ ...input, reservoirs: [late] }).aboveLimit).toEqual([]);
  });

  it('counts open alerts by severity', () => {
    expect(report.openAlerts).toEqual({ info: 0, warning: 2, major: 1, critical: 0, total: 3 });
  });

  it('lists offline stations and the arrival rate per area, of the stations monitored that day', () => {
    expect(report.offlineStations).toEqual([
      { code: 'R3', name: '水库R3', areaCode: 'A1', lastReportAt: beijing('06-29T17:00').toISOString() },
    ]);
    expect(report.arrival).toEqual({
      areas: [
        { areaCode: 'A1', name: '甲区', stations: 3, received: 48, expected: 72, rate: 0.667 },
        { areaCode: 'A2', name: '乙县', stations: 2, received: 44, expected: 48, rate: 0.917 },
      ],
      total: { stations: 5, received: 92, expected: 120, rate: 0.767 },
    });
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => buildDailyReport({ ...input, date: '2026-7-1' })).toThrow(RangeError);
    expect(() => buildDailyReport({ ...input, date: '2026-02-30' })).toThrow(RangeError);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
