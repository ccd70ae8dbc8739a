import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AreaScope } from '../common/scope.js';
import { DailyReportService } from './daily-report.service.js';

/** How often the scheduler looks for a morning report to generate. */
const CHECK_MS = 5 * 60_000;

/**
 * Generates each morning's city-wide report once its day has settled (08:30 Beijing), and at start-up the last
 * one if it is missing. Several backends may do so at once: the first stored wins.
 */
@Injectable()
export class ReportScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DailyReport');
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly reports: DailyReportService) {}

  onApplicationBootstrap(): void {
    const run = () =>
      void this.reports
        .generateDue(AreaScope.CITY)
        .then((date) => date && this.logger.log(`daily report ${date} generated`))
        .catch((err: Error) => this.logger.warn(`daily report not generated: ${err.message}`));
    this.timer = setInterval(run, CHECK_MS);
    this.timer.unref();
    run();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
