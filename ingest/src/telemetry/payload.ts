import { SENSOR_TYPES, type SensorType } from '@yz/domain';
import type { Sl651RejectReason } from '../sl651-station/sinks.js';
import { parseIsoTime } from './iso-time.js';

/** Largest message accepted; bigger ones are rejected before parsing. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
const MAX_FUTURE_MS = 10 * 60_000;
/** Readings older than the retention window would be dropped by the retention policy anyway. */
export const MAX_AGE_MS = 3 * 366 * 24 * 3_600_000;
const TOPIC = /^reservoirs\/([0-9]{6}-[0-9]{4})\/telemetry$/;

export type RejectReason =
  | 'bad_topic'
  | 'oversized'
  | 'malformed_json'
  | 'bad_shape'
  | 'unknown_reservoir'
  | 'unknown_sensor'
  | 'bad_time'
  | 'future_time'
  | 'too_old'
  | 'not_numeric'
  | 'not_finite'
  | 'out_of_range'
  | 'store_failed'
  | Sl651RejectReason;

export interface Reject {
  reason: RejectReason;
  detail: string;
}

/** What report slots need to know of a reading's station. */
export interface StationInfo {
  id: number;
  reportIntervalS: number;
}

export interface SensorInfo {
  id: number;
  type: SensorType;
  /** The station that reports it (for its report slots). */
  station: StationInfo;
}

/** What the validator needs from the registry: a reservoir's sensors by code, or undefined if unknown. */
export type SensorLookup = (reservoirCode: string) => ReadonlyMap<string, SensorInfo> | undefined;

export interface ValidReading {
  reservoirCode: string;
  sensorId: number;
  sensorCode: string;
  type: SensorType;
  time: Date;
  value: number;
}

export interface ValidationResult {
  reservoirCode: string | null;
  readings: ValidReading[];
  rejects: Reject[];
}

/** The reservoir code of a telemetry topic (after any deployment prefix is removed), or null. */
export function reservoirOfTopic(topic: string): string | null {
  return TOPIC.exec(topic)?.[1] ?? null;
}

/**
 * Checks one telemetry message against the contract and the registry. Every bad part becomes a reject with its
 * reason; the good readings of the same message are returned for storing.
 */
export function validateTelemetry(
  topic: string,
  payload: Buffer,
  sensorsOf: SensorLookup,
  now: Date,
): ValidationResult {
  const reservoirCode = reservoirOfTopic(topic);
  const fail = (reason: RejectReason, detail: string): ValidationResult => ({
    reservoirCode,
    readings: [],
    rejects: [{ reason, detail }],
  });
  if (!reservoirCode) return fail('bad_topic', `topic ${topic} is not reservoirs/{code}/telemetry`);
  if (payload.length > MAX_PAYLOAD_BYTES) return fail('oversized', `${payload.length} bytes > ${MAX_PAYLOAD_BYTES}`);
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return fail('malformed_json', (err as Error).message);
  }
  if (!isRecord(body) || !Array.isArray(body.readings)) return fail('bad_shape', 'expected { ts, readings: [...] }');
  const sensors = sensorsOf(reservoirCode);
  if (!sensors) return fail('unknown_reservoir', `no reservoir ${reservoirCode} in the registry`);

  const result: ValidationResult = { reservoirCode, readings: [], rejects: [] };
  const messageTime = body.ts === undefined ? undefined : parseTime(body.ts, now);
  for (const [i, item] of body.readings.entries()) {
    const reject = (reason: RejectReason, detail: string) =>
      result.rejects.push({ reason, detail: `readings[${i}]: ${detail}` });
    if (!isRecord(item) || typeof item.sensor !== 'string') {
      reject('bad_shape', 'expected { sensor, value }');
      continue;
    }
    const sensor = sensors.get(item.sensor);
    if (!sensor) {
      reject('unknown_sensor', `${reservoirCode} has no sensor ${JSON.stringify(item.sensor).slice(0, 40)}`);
      continue;
    }
    const time = item.ts === undefined ? messageTime : parseTime(item.ts, now);
    if (time === undefined) {
      reject('bad_time', 'no ts on the reading or the message');
      continue;
    }
    if (!(time instanceof Date)) {
      reject(time.reason, time.detail);
      continue;
    }
    const value = checkValue(item.value, sensor.type);
    if (typeof value !== 'number') {
      reject(value.reason, `${item.sensor}: ${value.detail}`);
      continue;
    }
    result.readings.push({
      reservoirCode,
      sensorId: sensor.id,
      sensorCode: item.sensor,
      type: sensor.type,
      time,
      value,
    });
  }
  return result;
}

function parseTime(raw: unknown, now: Date): Date | Reject {
  const ms = typeof raw === 'string' ? parseIsoTime(raw) : NaN;
  if (Number.isNaN(ms)) {
    return {
      reason: 'bad_time',
      detail: `ts must be an existing ISO-8601 time with an offset, got ${JSON.stringify(raw)?.slice(0, 40)}`,
    };
  }
  if (ms - now.getTime() > MAX_FUTURE_MS) return { reason: 'future_time', detail: `ts ${raw} is in the future` };
  if (now.getTime() - ms > MAX_AGE_MS) return { reason: 'too_old', detail: `ts ${raw} is older than retention` };
  return new Date(ms);
}

function checkValue(raw: unknown, type: SensorType): number | Reject {
  // JSON has no NaN/Infinity literals; RTUs that send them as strings are caught here too.
  if (typeof raw === 'string' && /^[+-]?(nan|inf|infinity)$/i.test(raw.trim())) {
    return { reason: 'not_finite', detail: `value ${raw} is not finite` };
  }
  if (typeof raw !== 'number')
    return { reason: 'not_numeric', detail: `value ${JSON.stringify(raw)?.slice(0, 40)} is not a number` };
  if (!Number.isFinite(raw)) return { reason: 'not_finite', detail: `value ${raw} is not finite` };
  const { min, max, unit } = SENSOR_TYPES[type];
  if (raw < min || raw > max)
    return { reason: 'out_of_range', detail: `${raw} ${unit} is outside ${min}..${max} for ${type}` };
  return raw;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
