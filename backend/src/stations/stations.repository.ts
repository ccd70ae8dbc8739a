import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { hourlyRollup } from '../common/hourly-rollup.js';
import { inScope, type AreaScope } from '../common/scope.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { InjectDb, type Sql } from '../common/sql.js';

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
  private readonly timescale: boolean;

  constructor(
    @InjectDb() private readonly db: Sql,
    @Inject(RUNTIME) runtime: Pick<Runtime, 'timescale'>,
  ) {
    this.timescale = runtime.timescale;
  }

  /** Every station in scope with the hours it reported in [from, to), read from the hourly rollup. */
  async arrivals(scope: AreaScope, from: Date, to: Date): Promise<StationArrivalRow[]> {
    const { rows } = await sql<StationArrivalRow>`
      WITH got AS (
        SELECT s.station_id, count(DISTINCT h.bucket)::int AS n
        FROM ${hourlyRollup(this.timescale, from, to)} h JOIN sensors s ON s.id = h.sensor_id GROUP BY 1),
      battery AS (
        SELECT b.station_id, l.value FROM sensor_latest l JOIN sensors b ON b.id = l.sensor_id
        WHERE b.type = 'battery_voltage')
      SELECT st.code, st.reservoir_code AS "reservoirCode", r.name AS "reservoirName", r.area_code AS county,
             st.kind, st.report_interval_s AS "reportIntervalS", st.last_report_at AS "lastReportAt",
             battery.value AS "batteryVoltage",
             coalesce(got.n, 0) AS received
      FROM stations st JOIN reservoirs r ON r.code = st.reservoir_code LEFT JOIN got ON got.station_id = st.id
        LEFT JOIN battery ON battery.station_id = st.id
      WHERE ${inScope(scope, 'r.area_code')}
      ORDER BY st.code`.execute(this.db);
    return rows;
  }
}
