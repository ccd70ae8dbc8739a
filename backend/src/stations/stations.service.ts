import { Injectable } from '@nestjs/common';
import type { AreaScope } from '../common/scope.js';
import { beijingDate, beijingDay } from '@yz/domain';
import { arrivalRate, expectedReports } from './arrival-rate.js';
import { StationsRepository } from './stations.repository.js';

const OFFLINE_INTERVALS = 2;

@Injectable()
export class StationsService {
  constructor(private readonly repo: StationsRepository) {}

  /** Station health for one Beijing day: last report, battery, online, and 到报率 per station and per area. */
  async health(scope: AreaScope, county: string | undefined, date: string | undefined, now = new Date()) {
    const day = date ?? beijingDate(now);
    const { from, to } = beijingDay(day, now);
    const expected = expectedReports(from, to);
    const rows = await this.repo.arrivals(scope.narrow(county), from, to);
    const stations = rows.map((s) => ({
      ...s,
      online:
        s.lastReportAt !== null &&
        now.getTime() - new Date(s.lastReportAt).getTime() <= OFFLINE_INTERVALS * s.reportIntervalS * 1000,
      expected,
      rate: arrivalRate(s.received, expected),
    }));
    const byArea = new Map<string, { county: string; stations: number; online: number; received: number }>();
    for (const s of stations) {
      const a = byArea.get(s.county) ?? { county: s.county, stations: 0, online: 0, received: 0 };
      a.stations += 1;
      a.online += s.online ? 1 : 0;
      a.received += Math.min(s.received, expected);
      byArea.set(s.county, a);
    }
    const areas = [...byArea.values()].map((a) => ({
      ...a,
      expected: a.stations * expected,
      rate: arrivalRate(a.received, a.stations * expected),
    }));
    const received = areas.reduce((n, a) => n + a.received, 0);
    return {
      date: day,
      expectedPerStation: expected,
      total: {
        stations: stations.length,
        received,
        expected: stations.length * expected,
        rate: arrivalRate(received, stations.length * expected),
      },
      areas,
      stations,
    };
  }
}
