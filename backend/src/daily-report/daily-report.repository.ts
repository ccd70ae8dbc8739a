import { Injectable } from '@nestjs/common';
import type { AlertSeverity, DailyReport, Interval, ReportReservoir } from '@yz/domain';
import { loadFloodReservoirs } from '@yz/platform';
import { sql } from 'kysely';
import { inScope, type AreaScope } from '../common/scope.js';
import { InjectDb, type Sql } from '../common/sql.js';

const HOUR_MS = 3_600_000;
/** A station that sent nothing in the last two hours of the day is offline at 08:00. */
const OFFLINE_AFTER_HOURS = 2;
/**
 * A reservoir as the 08:00 report reads it, before its station's monitoring and 到报率 are added (counted as the
 * station page does).
 */
export type ReservoirAtEight = Omit<ReportReservoir, 'station'> & {
  station: Pick<ReportReservoir['station'], 'online' | 'lastReportAt'>;
};

/** What the 08:00 report reads: per reservoir its day's rain, its 08:00 level and whether its station was online. */
@Injectable()
export class DailyReportRepository {
  constructor(@InjectDb() private readonly db: Sql) {}

  areas(scope: AreaScope) {
    return this.db
      .selectFrom('areas as a')
      .select(['a.code', 'a.name'])
      .where(inScope(scope, 'a.code'))
      .orderBy('a.code')
      .execute();
  }

  async reservoirs(scope: AreaScope, day: Interval): Promise<ReservoirAtEight[]> {
    const [all, gauges, rain, levels, stations] = await Promise.all([
      loadFloodReservoirs(this.db),
      this.db.selectFrom('sensors').select('reservoir_code').where('type', '=', 'rainfall').distinct().execute(),
      // The day's rain is summed in the database; the report takes each total as one reading at the day's end.
      sql<{ code: string; total: number }>`
        SELECT s.reservoir_code AS code, sum(x.value)::float8 AS total
        FROM readings x JOIN sensors s ON s.id = x.sensor_id
        WHERE s.type = 'rainfall' AND x.time > ${day.from} AND x.time <= ${day.to}
        GROUP BY 1`.execute(this.db),
      sql<{ code: string; time: Date; value: number }>`
        SELECT DISTINCT ON (s.reservoir_code) s.reservoir_code AS code, x.time, x.value
        FROM readings x JOIN sensors s ON s.id = x.sensor_id
        WHERE s.type = 'water_level' AND x.time > ${new Date(day.to.getTime() - HOUR_MS)} AND x.time <= ${day.to}
        ORDER BY s.reservoir_code, x.time DESC`.execute(this.db),
      sql<{ code: string; last: Date | null }>`
        SELECT st.reservoir_code AS code, max(h.bucket) AS last
        FROM stations st JOIN sensors s ON s.station_id = st.id
          JOIN readings_hourly h ON h.sensor_id = s.id AND h.bucket >= ${new Date(day.from.getTime() - 6 * 24 * HOUR_MS)}
            AND h.bucket < ${day.to}
        WHERE st.kind = 'rain_water'
        GROUP BY 1`.execute(this.db),
    ]);
    const withGauge = new Set(gauges.map((g) => g.reservoir_code));
    const rainOf = new Map(rain.rows.map((r) => [r.code, r.total]));
    const levelOf = new Map(levels.rows.map((r) => [r.code, r]));
    const stationOf = new Map(stations.rows.map((r) => [r.code, r]));
    const offlineBefore = day.to.getTime() - OFFLINE_AFTER_HOURS * HOUR_MS;
    return all
      .filter((r) => scope.includes(r.areaCode))
      .map((r) => {
        const total = rainOf.get(r.code);
        const level = levelOf.get(r.code);
        const station = stationOf.get(r.code);
        return {
          ...r,
          rainfall: withGauge.has(r.code) ? (total === undefined ? [] : [{ time: day.to, value: total }]) : null,
          level: level ? { time: level.time, value: level.value } : null,
          station: {
            online: station?.last != null && station.last.getTime() >= offlineBefore,
            lastReportAt: station?.last ?? null,
          },
        };
      });
  }

  /** Alerts open at the instant `at`: opened by then and not yet resolved. */
  openAlerts(scope: AreaScope, at: Date) {
    return this.db
      .selectFrom('alerts as a')
      .innerJoin('reservoirs as r', 'r.code', 'a.reservoir_code')
      .select(sql<AlertSeverity>`a.severity`.as('severity'))
      .where(inScope(scope, 'r.area_code'))
      .where('a.opened_at', '<=', at)
      .where((eb) => eb.or([eb('a.resolved_at', 'is', null), eb('a.resolved_at', '>', at)]))
      .execute();
  }

  async stored(date: string): Promise<DailyReport | null> {
    const row = await this.db
      .selectFrom('daily_reports')
      .select('report')
      .where('report_date', '=', date)
      .executeTakeFirst();
    return (row?.report as DailyReport | undefined) ?? null;
  }

  async store(report: DailyReport): Promise<void> {
    await this.db
      .insertInto('daily_reports')
      .values({ report_date: report.date, report: JSON.stringify(report) })
      .onConflict((oc) => oc.column('report_date').doNothing())
      .execute();
  }
}
