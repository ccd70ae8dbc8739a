import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { inScope, type AreaScope } from '../common/scope.js';
import { InjectDb, type Sql } from '../common/sql.js';

export interface StationReportRow {
  code: string;
  reservoirCode: string;
  reservoirName: string;
  county: string;
  kind: string;
  reportIntervalS: number;
  lastReportAt: Date | null;
  /** From when its slots are owed; null: always. */
  monitoredSince: Date | null;
  /** Its reservoir's override of the offline rule's intervals; null: the default. */
  offlineIntervals: number | null;
  batteryVoltage: number | null;
  /**
   * Distinct report slots in (from, until] received while monitored, and those received within `delayMs` of their
   * slot.
   */
  received: number;
  timely: number;
}

@Injectable()
export class StationsRepository {
  constructor(@InjectDb() private readonly db: Sql) {}

  /**
   * Every station in scope with the scheduled report slots it was received for in (from, until], counting only slots
   * it owed: none from before it was monitored (a replay of older reports is history, not a late day).
   */
  async reports(scope: AreaScope, from: Date, until: Date, delayMs: number): Promise<StationReportRow[]> {
    const { rows } = await sql<StationReportRow>`
      WITH got AS (
        SELECT x.station_id, count(*)::int AS received,
               count(*) FILTER (WHERE x.received_at <= x.slot + ${delayMs} * INTERVAL '1 millisecond')::int AS timely
        FROM station_reports x JOIN stations s ON s.id = x.station_id
        WHERE x.slot > ${from} AND x.slot <= ${until} AND x.slot > coalesce(s.monitored_since, '-infinity')
        GROUP BY 1),
      battery AS (
        SELECT b.station_id, l.value FROM sensor_latest l JOIN sensors b ON b.id = l.sensor_id
        WHERE b.type = 'battery_voltage')
      SELECT st.code, st.reservoir_code AS "reservoirCode", r.name AS "reservoirName", r.area_code AS county,
             st.kind, st.report_interval_s AS "reportIntervalS", st.last_report_at AS "lastReportAt",
             st.monitored_since AS "monitoredSince",
             (o.overrides -> 'station' ->> 'offlineIntervals')::float8 AS "offlineIntervals",
             battery.value AS "batteryVoltage",
             coalesce(got.received, 0) AS received, coalesce(got.timely, 0) AS timely
      FROM stations st JOIN reservoirs r ON r.code = st.reservoir_code LEFT JOIN got ON got.station_id = st.id
        LEFT JOIN battery ON battery.station_id = st.id
        LEFT JOIN alert_rule_overrides o ON o.reservoir_code = st.reservoir_code
      WHERE ${inScope(scope, 'r.area_code')}
      ORDER BY st.code`.execute(this.db);
    return rows;
  }
}
