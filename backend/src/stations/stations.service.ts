import { BadRequestException, Injectable } from '@nestjs/common';
import type { AreaScope } from '../common/scope.js';
import {
  addCounts,
  dayStartBefore,
  hydrologicalDay,
  isOnline,
  judgedUntil,
  owedFrom,
  REPORT_DELAY_ALLOWED_MS,
  reportRates,
  slotsDue,
  type ReportCounts,
} from '@yz/domain';
import { StationsRepository, type StationReportRow } from './stations.repository.js';

const DAY_MS = 24 * 3_600_000;

@Injectable()
export class StationsService {
  constructor(private readonly repo: StationsRepository) {}

  /**
   * Station health over one hydrological day (named by the date it starts: 08:00 that day to 08:00 the next, Beijing,
   * as daily rain is in Chinese reports; default the day in progress): last report, battery, online on the station's
   * own interval, and 到报率/及时率 per station, per area and in total, counting closed report periods only.
   */
  async health(scope: AreaScope, county: string | undefined, date: string | undefined, now = new Date()) {
    const day = date ?? new Date(dayStartBefore(now.getTime())).toISOString().slice(0, 10);
    const { from, to } = dayOf(day);
    const stations = (await this.reportCounts(scope.narrow(county), from, judgedUntil(to, now))).map((s) => ({
      ...s,
      online: isOnline(s, now),
      ...reportRates(s),
    }));
    const counties = [...new Set(stations.map((s) => s.county))];
    const areas = counties.map((county) => {
      const own = stations.filter((s) => s.county === county);
      return {
        county,
        stations: own.length,
        online: own.filter((s) => s.online).length,
        ...reportRates(addCounts(own)),
      };
    });
    return {
      date: day,
      from: from.toISOString(),
      to: to.toISOString(),
      delayAllowedMinutes: REPORT_DELAY_ALLOWED_MS / 60_000,
      total: {
        stations: stations.length,
        online: stations.filter((s) => s.online).length,
        ...reportRates(addCounts(stations)),
      },
      areas,
      stations,
    };
  }

  /**
   * Each station in scope with its slots owed and answered in (from, until]: owed from the later of `from` and its
   * monitoring start. The station page and the 08:00 report count 到报率 by this one rule.
   */
  async reportCounts(scope: AreaScope, from: Date, until: Date): Promise<(StationReportRow & ReportCounts)[]> {
    const rows = await this.repo.reports(scope, from, until, REPORT_DELAY_ALLOWED_MS);
    return rows.map((s) => ({ ...s, due: slotsDue(owedFrom(from, s.monitoredSince), until, s.reportIntervalS) }));
  }
}

/**
 * The day starting at 08:00 on `date`: 08:00 Beijing is 00:00 UTC, so it ends on the next UTC date. The DTO checks
 * the shape; a date that does not exist (2026-02-30) is the caller's mistake too.
 */
function dayOf(date: string) {
  try {
    const start = hydrologicalDay(date).to;
    return hydrologicalDay(new Date(start.getTime() + DAY_MS).toISOString().slice(0, 10));
  } catch {
    throw new BadRequestException([`date ${date} does not exist`]);
  }
}
