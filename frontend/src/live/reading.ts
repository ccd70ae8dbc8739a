// Applies the Socket.IO `reading` event to a reservoir of the overview. The event carries the newest value per
// sensor *type*, snake_case as the registry names them (backend/src/realtime/in-process-events.ts):
// { reservoirCode, time, water_level?, rainfall?, battery_voltage?, seepage_pressure?, ... }.

import type { ReadingEvent, Reservoir, ReservoirState } from '../api/types';
import { limitOf } from '../state';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The reservoir with the event applied, or the same object when the event is older than what is shown. */
export function applyReading(r: Reservoir, ev: ReadingEvent, floodSeason: boolean): Reservoir {
  if (ev.reservoirCode !== r.code) return r;
  if (r.latest.time && Date.parse(ev.time) < Date.parse(r.latest.time)) return r;
  const waterLevel = num(ev.water_level) ?? r.latest.waterLevel;
  const latest = {
    time: ev.time,
    waterLevel,
    rainfall: num(ev.rainfall) ?? r.latest.rainfall,
    batteryVoltage: num(ev.battery_voltage) ?? r.latest.batteryVoltage,
  };
  // A fresh water level brings the station back online and says where the water is against the limit.
  const state: ReservoirState =
    num(ev.water_level) === undefined
      ? r.state
      : waterLevel !== null && waterLevel > limitOf(r, floodSeason)
        ? 'above_flood_limit'
        : 'normal';
  return { ...r, latest, state };
}

/** Does the event bring rain? Then the 1/3/6/24 h totals it does not carry are out of date. */
export const bringsRain = (ev: ReadingEvent): boolean => (num(ev.rainfall) ?? 0) > 0;

/** The shown reservoirs with the rain totals of a fresh list (the rest of each row stays as the events made it). */
export function mergeRain(shown: Reservoir[], fresh: Reservoir[]): Reservoir[] {
  const rain = new Map(fresh.map((r) => [r.code, r.rain]));
  return shown.map((r) => {
    const totals = rain.get(r.code);
    return totals ? { ...r, rain: totals } : r;
  });
}
