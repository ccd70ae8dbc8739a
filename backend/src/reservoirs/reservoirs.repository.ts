import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface ReservoirRow {
  code: string;
  name: string;
  county: string;
  countyName: string;
  scale: string;
  damType: string;
  damHeight: number;
  totalStorage: number;
  catchmentArea: number;
  gatedSpillway: boolean;
  longitude: number;
  latitude: number;
  managementMode: string;
  damCategory: number;
  completionYear: number;
  lastAppraisal: string | null;
  nextAppraisal: string;
  damSafetyMonitoring: boolean;
  deadLevel: number;
  floodLimitLevel: number;
  normalLevel: number;
  designFloodLevel: number;
  checkFloodLevel: number;
  crestElevation: number;
  stageStorage: [number, number][];
}

export interface LatestRow {
  reservoirCode: string;
  sensor: string;
  type: string;
  time: Date;
  value: number;
}

export interface RainRow {
  reservoirCode: string;
  h1: number | null;
  h3: number | null;
  h6: number | null;
  h24: number | null;
}

export interface SensorRow {
  id: number;
  code: string;
  type: string;
  unit: string;
  threshold: number | null;
  station: string;
}

const RESERVOIR_COLUMNS = `
  r.code, r.name, r.area_code AS county, a.name AS "countyName", r.scale, r.dam_type AS "damType",
  r.dam_height::float8 AS "damHeight", r.total_storage::float8 AS "totalStorage",
  r.catchment_area::float8 AS "catchmentArea", r.gated_spillway AS "gatedSpillway", r.longitude, r.latitude,
  r.management_mode AS "managementMode", r.dam_category AS "damCategory", r.completion_year AS "completionYear",
  to_char(r.last_appraisal, 'YYYY-MM-DD') AS "lastAppraisal", to_char(r.next_appraisal, 'YYYY-MM-DD') AS "nextAppraisal",
  r.dam_safety_monitoring AS "damSafetyMonitoring", r.dead_level::float8 AS "deadLevel",
  r.flood_limit_level::float8 AS "floodLimitLevel", r.normal_level::float8 AS "normalLevel",
  r.design_flood_level::float8 AS "designFloodLevel", r.check_flood_level::float8 AS "checkFloodLevel",
  r.crest_elevation::float8 AS "crestElevation", r.stage_storage AS "stageStorage"`;

/** SQL for the registry and its readings; no decisions here (those are in the service). */
@Injectable()
export class ReservoirsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  list(areaCode: string | null): Promise<ReservoirRow[]> {
    return this.ds.query(
      `SELECT ${RESERVOIR_COLUMNS} FROM reservoirs r JOIN areas a ON a.code = r.area_code
       WHERE ($1::text IS NULL OR r.area_code = $1) ORDER BY r.code`,
      [areaCode],
    );
  }

  async find(code: string): Promise<ReservoirRow | null> {
    const rows: ReservoirRow[] = await this.ds.query(
      `SELECT ${RESERVOIR_COLUMNS} FROM reservoirs r JOIN areas a ON a.code = r.area_code WHERE r.code = $1`,
      [code],
    );
    return rows[0] ?? null;
  }

  /** The newest value of every sensor of the reservoirs in scope (one row per sensor). */
  latest(areaCode: string | null, reservoirCode: string | null = null): Promise<LatestRow[]> {
    return this.ds.query(
      `SELECT s.reservoir_code AS "reservoirCode", s.code AS sensor, s.type, l.time, l.value
       FROM sensor_latest l JOIN sensors s ON s.id = l.sensor_id JOIN reservoirs r ON r.code = s.reservoir_code
       WHERE ($1::text IS NULL OR r.area_code = $1) AND ($2::text IS NULL OR r.code = $2)`,
      [areaCode, reservoirCode],
    );
  }

  /**
   * Rainfall over the last 1, 3, 6 and 24 clock hours (the current hour included) per reservoir, from the hourly
   * rollup: a few thousand rows whatever the reporting rate.
   */
  rainAccumulations(areaCode: string | null, reservoirCode: string | null = null): Promise<RainRow[]> {
    return this.ds.query(
      `SELECT s.reservoir_code AS "reservoirCode",
              sum(h.sum) FILTER (WHERE h.bucket >= date_trunc('hour', now())) AS h1,
              sum(h.sum) FILTER (WHERE h.bucket >= date_trunc('hour', now()) - INTERVAL '2 hours') AS h3,
              sum(h.sum) FILTER (WHERE h.bucket >= date_trunc('hour', now()) - INTERVAL '5 hours') AS h6,
              sum(h.sum) AS h24
       FROM readings_hourly h JOIN sensors s ON s.id = h.sensor_id JOIN reservoirs r ON r.code = s.reservoir_code
       WHERE s.type = 'rainfall' AND h.bucket >= date_trunc('hour', now()) - INTERVAL '23 hours'
         AND ($1::text IS NULL OR r.area_code = $1) AND ($2::text IS NULL OR r.code = $2)
       GROUP BY 1`,
      [areaCode, reservoirCode],
    );
  }

  sensors(reservoirCode: string): Promise<SensorRow[]> {
    return this.ds.query(
      `SELECT s.id, s.code, s.type, s.unit, s.threshold::float8 AS threshold, st.code AS station
       FROM sensors s JOIN stations st ON st.id = s.station_id WHERE s.reservoir_code = $1 ORDER BY s.id`,
      [reservoirCode],
    );
  }

  stations(
    reservoirCode: string,
  ): Promise<{ code: string; kind: string; reportIntervalS: number; lastReportAt: Date | null }[]> {
    return this.ds.query(
      `SELECT code, kind, report_interval_s AS "reportIntervalS", last_report_at AS "lastReportAt"
       FROM stations WHERE reservoir_code = $1 ORDER BY code`,
      [reservoirCode],
    );
  }

  responsiblePersons(
    reservoirCode: string,
  ): Promise<{ role: string; name: string; phone: string; trained: boolean; trainedOn: string | null }[]> {
    return this.ds.query(
      `SELECT role, name, phone, trained, to_char(trained_on, 'YYYY-MM-DD') AS "trainedOn"
       FROM responsible_persons WHERE reservoir_code = $1
       ORDER BY array_position(ARRAY['government', 'department', 'management', 'patrol'], role)`,
      [reservoirCode],
    );
  }

  /** Raw readings, or time buckets of them (aggregate chosen by the caller). */
  rawSeries(
    sensorId: number,
    from: Date,
    to: Date,
    bucketSeconds: number | null,
    aggregate: 'sum' | 'avg',
  ): Promise<{ t: Date; v: number }[]> {
    if (bucketSeconds === null) {
      return this.ds.query(
        `SELECT time AS t, value AS v FROM readings WHERE sensor_id = $1 AND time >= $2 AND time < $3 ORDER BY time`,
        [sensorId, from, to],
      );
    }
    return this.ds.query(
      `SELECT time_bucket(make_interval(secs => $4), time) AS t, ${aggregate}(value) AS v
       FROM readings WHERE sensor_id = $1 AND time >= $2 AND time < $3 GROUP BY 1 ORDER BY 1`,
      [sensorId, from, to, bucketSeconds],
    );
  }

  /** Hourly (or coarser) series from the hourly rollup: cheap for long ranges. */
  rollupSeries(
    sensorId: number,
    from: Date,
    to: Date,
    bucketSeconds: number,
    aggregate: 'sum' | 'last',
  ): Promise<{ t: Date; v: number }[]> {
    const value = aggregate === 'sum' ? 'sum(sum)' : '(array_agg(last ORDER BY bucket DESC))[1]';
    return this.ds.query(
      `SELECT time_bucket(make_interval(secs => $4), bucket) AS t, ${value} AS v
       FROM readings_hourly WHERE sensor_id = $1 AND bucket >= $2 AND bucket < $3 GROUP BY 1 ORDER BY 1`,
      [sensorId, from, to, bucketSeconds],
    );
  }
}
