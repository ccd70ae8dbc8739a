import { STATION_DEFAULTS } from '../alert-rules/station.js';

/**
 * Whether a station is online at `now`: heard from within `offlineIntervals` of its own reporting intervals (its
 * reservoir's override of the offline rule, or the default), the silence at which its `offline:{station}` alert
 * opens. Every page says online or offline by this, so none contradicts the alert desk. Never heard from: offline.
 */
export function isOnline(
  station: { lastReportAt: Date | string | null; reportIntervalS: number; offlineIntervals: number | null },
  now: Date,
): boolean {
  if (station.lastReportAt === null) return false;
  const limitMs = (station.offlineIntervals ?? STATION_DEFAULTS.offlineIntervals) * station.reportIntervalS * 1000;
  return now.getTime() - new Date(station.lastReportAt).getTime() < limitMs;
}
