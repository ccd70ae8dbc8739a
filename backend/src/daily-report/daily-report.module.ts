import { Module } from '@nestjs/common';
import { DailyReportController } from './daily-report.controller.js';
import { DailyReportRepository } from './daily-report.repository.js';
import { DailyReportService } from './daily-report.service.js';
import { ReportScheduler } from './report-scheduler.js';

@Module({
  controllers: [DailyReportController],
  providers: [DailyReportRepository, DailyReportService, ReportScheduler],
})
export class DailyReportModule {}
