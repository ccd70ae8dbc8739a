import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface StationArrivalRow {
  code: string;
  reservoirCode: string;
  reservoirName: string;
  county: string;
  kind: string;
  reportIntervalS: number;
  lastReportAt: Date | null;
  batteryVoltage: number | null;
  /** Distinct hours of the window in which the station reported. */
  received: number;
}

@Injectable()
export class StationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Every station in scope with the hours it reported in [from, to), read from the hourly rollup. */
  arrivals(areaCode: string | null, from: Date, to: Date): Promise<StationArrivalRow[]> {
    return this.ds.query(
      `WITH got AS (
         SELECT s.station_id, count(DISTINCT h.bucket)::int AS n
         FROM readings_hourly h JOIN sensors s ON s.id = h.sensor_id
         WHERE h.bucket >= $2 AND h.bucket < $3 GROUP BY 1),
       battery AS (
         SELECT b.station_id, l.value FROM sensor_latest l JOIN sensors b ON b.id = l.sensor_id
         WHERE b.type = 'battery_voltage')
       SELECT st.code, st.reservoir_code AS "reservoirCode", r.name AS "reservoirName", r.area_code AS county,
              st.kind, st.report_interval_s AS "reportIntervalS", st.last_report_at AS "lastReportAt",
              battery.value AS "batteryVoltage",
              coalesce(got.n, 0) AS received
       FROM stations st JOIN reservoirs r ON r.code = st.reservoir_code LEFT JOIN got ON got.station_id = st.id
         LEFT JOIN battery ON battery.station_id = st.id
       WHERE $1::text IS NULL OR r.area_code = $1
       ORDER BY st.code`,
      [areaCode, from, to],
    );
  }
}
