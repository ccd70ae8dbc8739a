import { Module } from '@nestjs/common';
import { StationsModule } from '../stations/stations.module.js';
import { DailyReportController } from './daily-report.controller.js';
import { DailyReportRepository } from './daily-report.repository.js';
import { DailyReportService } from './daily-report.service.js';
import { ReportScheduler } from './report-scheduler.js';

@Module({
  imports: [StationsModule],
  controllers: [DailyReportController],
  providers: [DailyReportRepository, DailyReportService, ReportScheduler],
})
export class DailyReportModule {}
