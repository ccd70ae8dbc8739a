import { Inject, Injectable } from '@nestjs/common';
import type { HoursTo, SensorType } from '@yz/domain';
import { characteristicLevelColumns, loadHstInputs, loadSensorModel } from '@yz/platform';
import { sql } from 'kysely';
import { hourlyRollup } from '../common/hourly-rollup.js';
import { inScope, type AreaScope } from '../common/scope.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { float8, InjectDb, isoDate, isoDateOrNull, type Sql } from '../common/sql.js';

export interface LatestRow {
  reservoirCode: string;
  sensor: string;
  type: SensorType;
  time: Date;
  value: number;
}

export interface RainRow {
  reservoirCode: string;
  h1: number | null;
  h3: number | null;
  h6: number | null;
  h12: number | null;
  h24: number | null;
  day: number | null;
}

/** SQL for the registry and its readings; no decisions here (those are in the service). */
@Injectable()
export class ReservoirsRepository {
  private readonly timescale: boolean;

  constructor(
    @InjectDb() private readonly db: Sql,
    @Inject(RUNTIME) runtime: Pick<Runtime, 'timescale'>,
  ) {
    this.timescale = runtime.timescale;
  }

  /**
   * The registry's common head (the list and the overview add their columns): identity, area, position and the flood
   * outlook ingest took at the latest level, while fresh (a silent gauge's would mislead).
   */
  registry() {
    return this.db
      .selectFrom('reservoirs as r')
      .innerJoin('areas as a', 'a.code', 'r.area_code')
      .leftJoin('flood_outlooks as o', 'o.reservoir_code', 'r.code')
      .select([
        'r.code',
        'r.name',
        'r.area_code as county',
        'a.name as countyName',
        'r.scale',
        'r.longitude',
        'r.latitude',
        sql<HoursTo | null>`CASE WHEN o.at > now() - INTERVAL '1 hour' THEN o.outlook->'hoursTo' END`.as('hoursTo'),
      ]);
  }

  /** Reservoirs in scope, by code; `code` narrows to one. */
  list(scope: AreaScope, code?: string) {
    let query = this.registry()
      .select(characteristicLevelColumns)
      .select([
        'r.dam_type as damType',
        float8('r.dam_height').as('damHeight'),
        float8('r.total_storage').as('totalStorage'),
        float8('r.catchment_area').as('catchmentArea'),
        'r.gated_spillway as gatedSpillway',
        'r.management_mode as managementMode',
        'r.dam_category as damCategory',
        'r.completion_year as completionYear',
        isoDateOrNull('r.last_appraisal').as('lastAppraisal'),
        isoDate('r.next_appraisal').as('nextAppraisal'),
        'r.dam_safety_monitoring as damSafetyMonitoring',
        'r.stage_storage as stageStorage',
      ])
      .where(inScope(scope, 'r.area_code'));
    if (code !== undefined) query = query.where('r.code', '=', code);
    return query.orderBy('r.code').execute();
  }

  async find(scope: AreaScope, code: string): Promise<ReservoirRow | null> {
    return (await this.list(scope, code))[0] ?? null;
  }

  /** The newest value of every sensor of the reservoirs in scope (one row per sensor); `code` narrows to one. */
  latest(scope: AreaScope, code?: string): Promise<LatestRow[]> {
    let query = this.db
      .selectFrom('sensor_latest as l')
      .innerJoin('sensors as s', 's.id', 'l.sensor_id')
      .innerJoin('reservoirs as r', 'r.code', 's.reservoir_code')
      .select(['s.reservoir_code as reservoirCode', 's.code as sensor', 's.type', 'l.time', 'l.value'])
      .where(inScope(scope, 'r.area_code'));
    if (code !== undefined) query = query.where('r.code', '=', code);
    return query.execute();
  }

  /**
   * Rainfall over the last 1, 3, 6, 12 and 24 clock hours (the current hour included) per reservoir, from the hourly
   * rollup: a few thousand rows whatever the reporting rate. `day` is the hydrological day so far: the hours since
   * `dayStart` (08:00 Beijing) less what is stamped at 08:00 itself, which fell before it and closed the last day.
   */
  async rainAccumulations(scope: AreaScope, dayStart: Date, code?: string): Promise<RainRow[]> {
    const hours = hourlyRollup(
      this.timescale,
      sql`date_trunc('hour', now()) - INTERVAL '23 hours'`,
      sql`date_trunc('hour', now()) + INTERVAL '1 hour'`,
    );
    const { rows } = await sql<RainRow>`
      WITH hours AS (
        SELECT s.reservoir_code AS "reservoirCode",
               sum(h.sum) FILTER (WHERE h.bucket >= date_trunc('hour', now())) AS h1,
               sum(h.sum) FILTER (WHERE h.bucket >= date_trunc('hour', now()) - INTERVAL '2 hours') AS h3,
               sum(h.sum) FILTER (WHERE h.bucket >= date_trunc('hour', now()) - INTERVAL '5 hours') AS h6,
               sum(h.sum) FILTER (WHERE h.bucket >= date_trunc('hour', now()) - INTERVAL '11 hours') AS h12,
               sum(h.sum) AS h24,
               sum(h.sum) FILTER (WHERE h.bucket >= ${dayStart}) AS day
        FROM ${hours} h JOIN sensors s ON s.id = h.sensor_id JOIN reservoirs r ON r.code = s.reservoir_code
        WHERE s.type = 'rainfall' AND ${inScope(scope, 'r.area_code')} AND (${code ?? null}::text IS NULL OR r.code = ${code ?? null})
        GROUP BY 1),
      closing AS (
        SELECT s.reservoir_code AS code, sum(x.value) AS mm
        FROM readings x JOIN sensors s ON s.id = x.sensor_id
        WHERE s.type = 'rainfall' AND x.time = ${dayStart} GROUP BY 1)
      SELECT hours."reservoirCode", h1, h3, h6, h12, h24, day - coalesce(closing.mm, 0) AS day
      FROM hours LEFT JOIN closing ON closing.code = hours."reservoirCode"`.execute(this.db);
    return rows;
  }

  /** The instrument's stored HST model (or why it has none). */
  sensorModel(sensorId: number) {
    return loadSensorModel(this.db, sensorId);
  }

  /** The reservoir's daily level (and rain) series the models read, over [from, to] (Beijing days). */
  hstInputs(reservoirCode: string, from: string, to: string, withRain: boolean) {
    return loadHstInputs(this.db, reservoirCode, from, to, withRain);
  }

  sensors(reservoirCode: string) {
    return this.db
      .selectFrom('sensors as s')
      .innerJoin('stations as st', 'st.id', 's.station_id')
      .select(['s.id', 's.code', 's.type', 's.unit', float8('s.threshold').as('threshold'), 'st.code as station'])
      .where('s.reservoir_code', '=', reservoirCode)
      .orderBy('s.id')
      .execute();
  }

  /** The reservoir's stations, each with its reservoir's override of the offline rule's intervals (null: none). */
  stations(reservoirCode: string) {
    return this.db
      .selectFrom('stations as st')
      .leftJoin('alert_rule_overrides as o', 'o.reservoir_code', 'st.reservoir_code')
      .select(['st.code', 'st.kind', 'st.report_interval_s as reportIntervalS', 'st.last_report_at as lastReportAt'])
      .select(sql<number | null>`(o.overrides -> 'station' ->> 'offlineIntervals')::float8`.as('offlineIntervals'))
      .where('st.reservoir_code', '=', reservoirCode)
      .orderBy('st.code')
      .execute();
  }

  responsiblePersons(reservoirCode: string) {
    return this.db
      .selectFrom('responsible_persons')
      .select(['role', 'name', 'phone', 'trained', isoDateOrNull('trained_on').as('trainedOn')])
      .where('reservoir_code', '=', reservoirCode)
      .orderBy(sql`array_position(ARRAY['government', 'department', 'management', 'patrol'], role)`)
      .execute();
  }

  /** Raw readings, or time buckets of them (aggregate chosen by the caller). */
  async rawSeries(
    sensorId: number,
    from: Date,
    to: Date,
    bucketSeconds: number | null,
    aggregate: 'sum' | 'avg',
  ): Promise<{ t: Date; v: number }[]> {
    if (bucketSeconds === null) {
      return this.db
        .selectFrom('readings')
        .select(['time as t', 'value as v'])
        .where('sensor_id', '=', sensorId)
        .where('time', '>=', from)
        .where('time', '<', to)
        .orderBy('time')
        .execute();
    }
    const { rows } = await sql<{ t: Date; v: number }>`
      SELECT time_bucket(make_interval(secs => ${bucketSeconds}), time) AS t, ${sql.raw(aggregate)}(value) AS v
      FROM readings WHERE sensor_id = ${sensorId} AND time >= ${from} AND time < ${to} GROUP BY 1 ORDER BY 1`.execute(
      this.db,
    );
    return rows;
  }

  /** Hourly (or coarser) series from the hourly rollup: cheap for long ranges. */
  async rollupSeries(
    sensorId: number,
    from: Date,
    to: Date,
    bucketSeconds: number,
    aggregate: 'sum' | 'last',
  ): Promise<{ t: Date; v: number }[]> {
    const value = aggregate === 'sum' ? sql`sum(sum)` : sql`(array_agg(last ORDER BY bucket DESC))[1]`;
    const { rows } = await sql<{ t: Date; v: number }>`
      SELECT time_bucket(make_interval(secs => ${bucketSeconds}), bucket) AS t, ${value} AS v
      FROM ${hourlyRollup(this.timescale, from, to)} h WHERE sensor_id = ${sensorId}
      GROUP BY 1 ORDER BY 1`.execute(this.db);
    return rows;
  }
}

export type ReservoirRow = Awaited<ReturnType<ReservoirsRepository['list']>>[number];
