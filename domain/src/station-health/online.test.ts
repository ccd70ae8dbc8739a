import { describe, expect, it } from 'vitest';
import { evaluateOffline, STATION_DEFAULTS } from '../alert-rules/station.js';
import { isOnline } from './online.js';

describe('a station online or offline', () => {
  const last = new Date('2026-07-01T00:00:00Z');
  const after = (minutes: number) => new Date(last.getTime() + minutes * 60_000);
  const hourly = { lastReportAt: last, reportIntervalS: 3600, offlineIntervals: null };

  it('goes offline exactly when its offline alert opens, on its own interval and its reservoir’s override', () => {
    const alertOpen = (intervals: number, intervalS: number, minutes: number) =>
      evaluateOffline(
        { ...STATION_DEFAULTS, offlineIntervals: intervals },
        { code: 'S', intervalHours: intervalS / 3600 },
        last,
        after(minutes),
      ).severity !== null;
    for (const [station, intervals] of [
      [hourly, 2],
      [{ ...hourly, offlineIntervals: 3 }, 3],
      [{ ...hourly, reportIntervalS: 6 * 3600 }, 2],
    ] as const) {
      for (const minutes of [59, 119, 120, 121, 179, 180, 719, 720]) {
        expect(isOnline(station, after(minutes))).toBe(!alertOpen(intervals, station.reportIntervalS, minutes));
      }
    }
    expect(isOnline(hourly, after(119))).toBe(true);
    expect(isOnline(hourly, after(120))).toBe(false);
  });

  it('is offline if never heard from', () => {
    expect(isOnline({ ...hourly, lastReportAt: null }, after(0))).toBe(false);
  });
});
