import { formatBeijing } from '@yz/domain';
import { accumulateRain, type Message, type Observation, type RainState, type RainUpdate } from '../sl651/index.js';
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
  | { ok: true; reservoirCode: string; topic: string; payloads: TelemetryPayload[]; rain: RainUpdate }
  | { ok: false; reason: Sl651RejectReason; detail: string };

/**
 * Reports whose values are measurements: 31 evenly-spaced, 32 timed, 33 added, 34 hourly. A 30 test report is
 * confirmed but not stored (it is sent while a station is being installed or checked); 2F carries no values.
 */
export const STORED_FUNCTIONS: ReadonlySet<string> = new Set(['31', '32', '33', '34']);

/** The reservoir (upstream) level; `3A` is below the dam and is not the reservoir's WL1. */
export const WATER_LEVEL_PREFERENCE = ['3B', '39'] as const;
export const VOLTAGE_PREFERENCE = ['38'] as const;

/** Sensors read from one element each (first present with a value); RG1 comes from `accumulateRain`. */
const SENSORS: readonly { sensor: string; elements: readonly string[] }[] = [
  { sensor: 'WL1', elements: WATER_LEVEL_PREFERENCE },
  { sensor: 'BV1', elements: VOLTAGE_PREFERENCE },
];

/** Keeps each payload well under the pipeline's 64 KiB limit (a reading is about 60 bytes of JSON). */
export const MAX_READINGS_PER_PAYLOAD = 500;

/**
 * A decoded uplink message as telemetry payloads for `reservoirs/{code}/telemetry`, received `now` from a station
 * whose earlier reports left `rain`. Pure: whether the reservoir and sensors exist, and whether times and values are
 * sane, is left to the pipeline's validation and reject log. Invalid markers (null) are dropped: the RTU says it has
 * no value, there is nothing to store or reject. RG1 holds rainfall increments (see `accumulateRain`); the station's
 * next rain state comes back with them.
 */
export function toTelemetry(message: Message, rain: RainState | null, now: Date): Conversion {
  if (message.direction !== 'up') return { ok: false, reason: 'bad_frame', detail: 'not an uplink frame' };
  const reservoirCode = reservoirCodeOf(message.stationAddress);
  if (!reservoirCode) {
    return {
      ok: false,
      reason: 'bad_station_address',
      detail: `station address ${message.stationAddress} is not a reservoir code without its dash (e.g. 4311240007)`,
    };
  }
  const stored = STORED_FUNCTIONS.has(message.functionCode);
  const rainUpdate = stored ? accumulateRain(rain, message, now) : { state: rain, increments: [], notes: [] };
  const readings = stored
    ? [
        ...rainUpdate.increments.map((i) => ({ sensor: 'RG1', value: i.mm, ts: formatBeijing(i.at) })),
        ...message.observations.flatMap(observationReadings),
      ]
    : [];
  const payloads: TelemetryPayload[] = [];
  for (let i = 0; i < readings.length; i += MAX_READINGS_PER_PAYLOAD) {
    payloads.push({ ts: formatBeijing(message.sentAt), readings: readings.slice(i, i + MAX_READINGS_PER_PAYLOAD) });
  }
  return { ok: true, reservoirCode, topic: `reservoirs/${reservoirCode}/telemetry`, payloads, rain: rainUpdate };
}

function observationReadings({ observedAt, elements }: Observation): TelemetryReading[] {
  return SENSORS.flatMap(({ sensor, elements: ids }) => {
    const value = ids.map((id) => elements[id]).find((v): v is number => typeof v === 'number');
    return value === undefined ? [] : [{ sensor, value, ts: formatBeijing(observedAt) }];
  });
}
