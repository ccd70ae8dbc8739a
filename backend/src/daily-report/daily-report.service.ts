import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import {
  buildDailyReport,
  dayEndAtOrBefore,
  hydrologicalDay,
  isFloodSeason,
  judgedUntil,
  owedFrom,
  type DailyReport,
} from '@yz/domain';
import type { AreaScope } from '../common/scope.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { StationsService } from '../stations/stations.service.js';
import { DailyReportRepository } from './daily-report.repository.js';

/** The earliest report date accepted: the system holds nothing older, and an old year is a typing mistake. */
const FIRST_YEAR = 2000;
/** A day's report is stored once this long past its 08:00, so late readings (RTU store-and-forward) are in it. */
export const SETTLE_MS = 30 * 60_000;

/** The 08:00 rain and water report (水雨情日报) for the hydrological day ending at 08:00 Beijing. */
@Injectable()
export class DailyReportService {
  /** Whether the readings are current, so that a report built now may be kept (see Runtime.catchingUp). */
  private current: boolean;

  constructor(
    private readonly repo: DailyReportRepository,
    private readonly stations: StationsService,
    @Inject(RUNTIME) runtime: Pick<Runtime, 'catchingUp'>,
  ) {
    this.current = runtime.catchingUp === undefined;
    void runtime.catchingUp?.then(() => (this.current = true));
  }

  /** The last hydrological day that is over at `now`, as its report date. */
  static lastDate(now: Date): string {
    return new Date(dayEndAtOrBefore(now.getTime())).toISOString().slice(0, 10);
  }

  /**
   * The report of `date` (default: the last day over). City-wide it is the stored one, generated and stored when
   * missing (once the day has settled); an area's is built for the area.
   */
  async report(scope: AreaScope, date: string | undefined, now = new Date()): Promise<DailyReport> {
    const day = this.validDay(date ?? DailyReportService.lastDate(now), now);
    const cityWide = scope.wholeCity;
    if (cityWide) {
      const stored = await this.repo.stored(day.date);
      if (stored) return stored;
    }
    const report = await this.build(scope, day.date, now);
    if (cityWide && this.current && now.getTime() >= day.to.getTime() + SETTLE_MS) await this.repo.store(report);
    return report;
  }

  /**
   * Generates and stores the city-wide report of the last day over, unless it is stored already or unsettled, or the
   * readings are still catching up.
   */
  async generateDue(scope: AreaScope, now = new Date()): Promise<string | null> {
    if (!this.current) return null;
    const date = DailyReportService.lastDate(now);
    if (now.getTime() < hydrologicalDay(date).to.getTime() + SETTLE_MS) return null;
    if (await this.repo.stored(date)) return null;
    await this.repo.store(await this.build(scope, date, now));
    return date;
  }

  private async build(scope: AreaScope, date: string, now: Date): Promise<DailyReport> {
    const day = hydrologicalDay(date);
    const [areas, atEight, openAlerts, stations] = await Promise.all([
      this.repo.areas(scope),
      this.repo.reservoirs(scope, day),
      this.repo.openAlerts(scope, day.to),
      // 到报率 as the station page counts it: the rain/water station's slots owed while monitored, and answered.
      this.stations.reportCounts(scope, day.from, judgedUntil(day.to, now)),
    ]);
    const arrivalOf = new Map(stations.filter((s) => s.kind === 'rain_water').map((s) => [s.reservoirCode, s]));
    const reservoirs = atEight.map((r) => {
      const arrival = arrivalOf.get(r.code);
      // Monitored that day: it owed something before the day's end.
      const monitored = arrival !== undefined && owedFrom(day.from, arrival.monitoredSince) < day.to;
      const counts = { received: arrival?.received ?? 0, expected: arrival?.due ?? 0 };
      return { ...r, station: { ...r.station, monitored, ...counts } };
    });
    return buildDailyReport({ date, floodSeason: isFloodSeason(day.to), areas, reservoirs, openAlerts });
  }

  private validDay(date: string, now: Date) {
    let day;
    try {
      day = hydrologicalDay(date);
    } catch {
      throw new BadRequestException(`date ${date} is not a calendar date`);
    }
    if (Number(date.slice(0, 4)) < FIRST_YEAR) throw new BadRequestException(`date must be in ${FIRST_YEAR} or later`);
    if (day.to > now) throw new BadRequestException(`the day ending at 08:00 on ${date} is not over yet`);
    return { ...day, date };
  }
}
