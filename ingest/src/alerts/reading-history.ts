import type { Database } from '@yz/platform';
import { sql, type Kysely } from 'kysely';

/** A sensor and the moment its history is wanted at. */
export interface HistoryAt {
  sensorId: number;
  at: Date;
}

export interface PastReading {
  time: Date;
  value: number;
}

export type RainSums = Record<'1h' | '3h' | '24h', number>;

/**
 * The history the alert rules need, for a whole pass of readings in one statement each, not one per sensor: a
 * burst of every station's report stays a handful of statements.
 */

/** Each sensor's newest reading at or before its moment (absent when it has none). */
export async function readingsAtOrBefore(db: Kysely<Database>, wants: HistoryAt[]): Promise<Map<number, PastReading>> {
  if (!wants.length) return new Map();
  const { rows } = await sql<PastReading & { sensorId: number }>`
    SELECT u.id AS "sensorId", r.time, r.value
    FROM unnest(${wants.map((w) => w.sensorId)}::int[], ${wants.map((w) => w.at)}::timestamptz[]) AS u(id, at)
    CROSS JOIN LATERAL (SELECT time, value FROM readings WHERE sensor_id = u.id AND time <= u.at
                        ORDER BY time DESC LIMIT 1) r`.execute(db);
  return new Map(rows.map((r) => [r.sensorId, { time: r.time, value: r.value }]));
}

/** Each rain gauge's totals over the 1, 3 and 24 hours up to its moment. */
export async function rainSums(db: Kysely<Database>, wants: HistoryAt[]): Promise<Map<number, RainSums>> {
  if (!wants.length) return new Map();
  const { rows } = await sql<{ sensorId: number; h1: number; h3: number; h24: number }>`
    SELECT u.id AS "sensorId",
           coalesce(sum(r.value) FILTER (WHERE r.time > u.at - INTERVAL '1 hour'), 0) AS h1,
           coalesce(sum(r.value) FILTER (WHERE r.time > u.at - INTERVAL '3 hours'), 0) AS h3,
           coalesce(sum(r.value), 0) AS h24
    FROM unnest(${wants.map((w) => w.sensorId)}::int[], ${wants.map((w) => w.at)}::timestamptz[]) AS u(id, at)
    LEFT JOIN readings r ON r.sensor_id = u.id AND r.time > u.at - INTERVAL '24 hours' AND r.time <= u.at
    GROUP BY u.id`.execute(db);
  return new Map(rows.map((r) => [r.sensorId, { '1h': r.h1, '3h': r.h3, '24h': r.h24 }]));
}
