import { formatBeijing } from '@yz/domain';
import { ELEMENT_MEANINGS, toReadings, type Message, type Observation } from '../sl651/index.js';
import { reservoirCodeOf } from './address.js';
import type { Sl651RejectReason } from './sinks.js';

/** The JSON telemetry contract (DESIGN §4), so SL 651 data takes exactly the path of MQTT JSON telemetry. */
export interface TelemetryReading {
  sensor: string;
  value: number;
  ts: string;
}

export interface TelemetryPayload {
  ts: string;
  readings: TelemetryReading[];
}

export type Conversion =
  | { ok: true; reservoirCode: string; topic: string; payloads: TelemetryPayload[] }
  | { ok: false; reason: Sl651RejectReason; detail: string };

/**
 * Reports whose values are measurements: 31 evenly-spaced, 32 timed, 33 added, 34 hourly. A 30 test report is
 * confirmed but not stored (it is sent while a station is being installed or checked); 2F carries no values.
 */
export const STORED_FUNCTIONS: ReadonlySet<string> = new Set(['31', '32', '33', '34']);

/**
 * One rainfall element per observation time, so the same rain is never stored twice: an RTU often sends the
 * same rain several ways at once (PJ 13.0 and PN05 4.0; F4 plus PT). First choice is the F4 5-minute array (12
 * non-overlapping intervals), then PJ (increment since the previous report: consecutive reports add up), then
 * the fixed-period sums, shortest first. `26` PT and `25` PR are never used (totals, not increments).
 */
export const RAINFALL_PREFERENCE = ['F4', '20', '21', '22', '23', '24', '1A', '1B', '1C', '1D', '1E', '1F'] as const;
/** The reservoir (upstream) level; `3A` is below the dam and is not the reservoir's WL1. */
export const WATER_LEVEL_PREFERENCE = ['3B', '39'] as const;
export const VOLTAGE_PREFERENCE = ['38'] as const;

const SENSORS: readonly { sensor: string; elements: readonly string[] }[] = [
  { sensor: 'RG1', elements: RAINFALL_PREFERENCE },
  { sensor: 'WL1', elements: WATER_LEVEL_PREFERENCE },
  { sensor: 'BV1', elements: VOLTAGE_PREFERENCE },
];

/** Keeps each payload well under the pipeline's 64 KiB limit (a reading is about 60 bytes of JSON). */
export const MAX_READINGS_PER_PAYLOAD = 500;

/**
 * A decoded uplink message as telemetry payloads for `reservoirs/{code}/telemetry`. Pure: whether the reservoir
 * and sensors exist, and whether times and values are sane, is left to the pipeline's validation and reject log.
 * Invalid markers (null) are dropped: the RTU says it has no value, there is nothing to store or reject.
 */
export function toTelemetry(message: Message): Conversion {
  if (message.direction !== 'up') return { ok: false, reason: 'bad_frame', detail: 'not an uplink frame' };
  const reservoirCode = reservoirCodeOf(message.stationAddress);
  if (!reservoirCode) {
    return {
      ok: false,
      reason: 'bad_station_address',
      detail: `station address ${message.stationAddress} is not a reservoir code without its dash (e.g. 4311240007)`,
    };
  }
  const readings = STORED_FUNCTIONS.has(message.functionCode) ? message.observations.flatMap(observationReadings) : [];
  const payloads: TelemetryPayload[] = [];
  for (let i = 0; i < readings.length; i += MAX_READINGS_PER_PAYLOAD) {
    payloads.push({ ts: formatBeijing(message.sentAt), readings: readings.slice(i, i + MAX_READINGS_PER_PAYLOAD) });
  }
  return { ok: true, reservoirCode, topic: `reservoirs/${reservoirCode}/telemetry`, payloads };
}

function observationReadings(observation: Observation): TelemetryReading[] {
  const all = toReadings(observation);
  return SENSORS.flatMap(({ sensor, elements }) => {
    const chosen = elements.find(
      (id) => ELEMENT_MEANINGS[id] && all.some((r) => r.elementId === id && r.value !== null),
    );
    return all.flatMap((r) =>
      r.elementId === chosen && r.value !== null ? [{ sensor, value: r.value, ts: formatBeijing(r.observedAt) }] : [],
    );
  });
}
