import { Injectable } from '@nestjs/common';
import { dayStartBefore, type HoursTo, type SensorType } from '@yz/domain';
import { sql } from 'kysely';
import { AreaScope } from '../common/scope.js';
import { float8, InjectDb, type Sql } from '../common/sql.js';
import { ReservoirsRepository, type RainRow } from './reservoirs.repository.js';

/** What the overview shows of a reservoir's registry entry. */
export interface OverviewRegistryRow {
  code: string;
  name: string;
  county: string;
  countyName: string;
  scale: string;
  longitude: number;
  latitude: number;
  floodLimitLevel: number;
  normalLevel: number;
  hoursTo: HoursTo | null;
}

export interface OverviewLatestRow {
  reservoirCode: string;
  type: SensorType;
  time: Date;
  value: number;
}

export interface OpenAlertRow {
  reservoirCode: string;
  severity: 'info' | 'warning' | 'major' | 'critical';
  n: number;
}

/** The overview's whole-city reads: a few narrow columns per reservoir, the three sensors it shows, open alerts. */
@Injectable()
export class OverviewRepository {
  constructor(
    @InjectDb() private readonly db: Sql,
    private readonly reservoirs: ReservoirsRepository,
  ) {}

  registry(): Promise<OverviewRegistryRow[]> {
    return this.reservoirs
      .registry()
      .select([float8('r.flood_limit_level').as('floodLimitLevel'), float8('r.normal_level').as('normalLevel')])
      .orderBy('r.code')
      .execute();
  }

  /** Areas with their names (a province-size registry has areas the dashboard has no label for). */
  areas(): Promise<{ code: string; name: string }[]> {
    return this.db.selectFrom('areas').select(['code', 'name']).orderBy('code').execute();
  }

  latest(): Promise<OverviewLatestRow[]> {
    return this.db
      .selectFrom('sensor_latest as l')
      .innerJoin('sensors as s', 's.id', 'l.sensor_id')
      .select(['s.reservoir_code as reservoirCode', 's.type', 'l.time', 'l.value'])
      .where('s.type', 'in', ['water_level', 'rainfall', 'battery_voltage'])
      .execute();
  }

  rain(now: Date): Promise<RainRow[]> {
    return this.reservoirs.rainAccumulations(AreaScope.CITY, new Date(dayStartBefore(now.getTime())));
  }

  async openAlerts(): Promise<OpenAlertRow[]> {
    const { rows } = await sql<OpenAlertRow>`
      SELECT reservoir_code AS "reservoirCode", severity, count(*)::int AS n
      FROM alerts WHERE state <> 'resolved' GROUP BY 1, 2`.execute(this.db);
    return rows;
  }
}
