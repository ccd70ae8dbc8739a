import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CONTENT_TYPES } from '../common/spreadsheet.js';
import { Scope, type AreaScope } from '../common/scope.js';
import { DailyReportQueryDto } from './daily-report.dto.js';
import { DailyReportRepository } from './daily-report.repository.js';
import { DailyReportService } from './daily-report.service.js';
import { reportWorkbook } from './report-workbook.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class DailyReportController {
  constructor(
    private readonly reports: DailyReportService,
    private readonly repo: DailyReportRepository,
  ) {}

  @Get('daily')
  @ApiOperation({
    summary:
      'The 08:00 rain and water report (水雨情日报) of the hydrological day ending at 08:00 Beijing on `date`: rain per area (mean, max station), wettest stations, reservoirs above their flood limit, open alerts by severity, offline stations, 到报率',
  })
  async daily(@Scope() scope: AreaScope, @Query() q: DailyReportQueryDto, @Res({ passthrough: true }) res: Response) {
    const area = scope.narrow(q.county);
    const report = await this.reports.report(area, q.date);
    if (q.format !== 'xlsx') return report;
    const names = new Map((await this.repo.areas(area)).map((a) => [a.code, a.name]));
    res.setHeader('Content-Type', CONTENT_TYPES.xlsx);
    res.setHeader('Content-Disposition', `attachment; filename="daily-report-${report.date}.xlsx"`);
    res.send(await reportWorkbook(report, names));
    return undefined;
  }
}
