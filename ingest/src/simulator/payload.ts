import { formatBeijing } from '@yz/domain';

/** One reading of the MQTT contract (DESIGN.md §4). */
export interface Reading {
  sensor: string;
  value: number;
}

/** The faults a real RTU or link produces, sent at a low rate to exercise the ingest's reject path. */
export type MalformKind = 'bad_json' | 'non_numeric' | 'unknown_sensor';
export const MALFORM_KINDS: readonly MalformKind[] = ['bad_json', 'non_numeric', 'unknown_sensor'];

/** A sensor code no registry entry uses. */
export const UNKNOWN_SENSOR = 'ZZ99';

export function telemetryTopic(prefix: string, reservoirCode: string): string {
  return `${prefix}reservoirs/${reservoirCode}/telemetry`;
}

export function buildPayload(t: number, readings: readonly Reading[]): string {
  return JSON.stringify({ ts: formatBeijing(t), readings });
}

/** A payload broken the given way; the good readings stay in it, as they would on a real link. */
export function buildMalformedPayload(t: number, readings: readonly Reading[], kind: MalformKind): string {
  switch (kind) {
    case 'bad_json':
      // A message cut short in transit: any proper prefix of a JSON object is invalid JSON.
      return buildPayload(t, readings).slice(0, -2);
    case 'non_numeric':
      return JSON.stringify({
        ts: formatBeijing(t),
        readings: readings.map((r, i) => (i === 0 ? { sensor: r.sensor, value: 'ERR' } : r)),
      });
    case 'unknown_sensor':
      return buildPayload(t, [...readings, { sensor: UNKNOWN_SENSOR, value: 1 }]);
  }
}
