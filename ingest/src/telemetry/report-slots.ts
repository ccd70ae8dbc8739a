import type { StationInfo, ValidReading } from './payload.js';

/** How far a scheduled report's newest reading may lie from its slot. */
const SLOT_TOLERANCE_MS = 120_000;

/** A station's scheduled report slot, answered by a message received at `receivedAt`. */
export interface ReportSlot {
  stationId: number;
  slot: Date;
  receivedAt: Date;
}

/**
 * The report slots a scheduled message answers: per station it reports for, its newest reading rounded to the
 * station's reporting interval (a report observed at 07:59:30 or 08:00:30 answers the 08:00 slot). A station whose
 * newest reading is more than `SLOT_TOLERANCE_MS` from any slot has not made a scheduled report (JSON telemetry does
 * not say; an added report at 08:25 must not stand in for the 08:00 one).
 */
export function reportSlots(
  readings: readonly ValidReading[],
  receivedAt: Date,
  stationOf: (reading: ValidReading) => StationInfo | undefined,
): ReportSlot[] {
  const newest = new Map<number, { station: StationInfo; ms: number }>();
  for (const r of readings) {
    const station = stationOf(r);
    if (station && (newest.get(station.id)?.ms ?? -Infinity) < r.time.getTime())
      newest.set(station.id, { station, ms: r.time.getTime() });
  }
  return [...newest.values()].flatMap(({ station, ms }) => {
    const intervalMs = station.reportIntervalS * 1000;
    const slot = Math.round(ms / intervalMs) * intervalMs;
    return Math.abs(ms - slot) <= SLOT_TOLERANCE_MS
      ? [{ stationId: station.id, slot: new Date(slot), receivedAt }]
      : [];
  });
}
