import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

export const REPORT_FORMATS = ['json', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class DailyReportQueryDto {
  @ApiPropertyOptional({
    description: 'YYYY-MM-DD: the hydrological day ending at 08:00 Beijing time on this date (default: the last one)',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'json (default) or xlsx' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: 'format must be json or xlsx' })
  format?: ReportFormat;

  @ApiPropertyOptional({ description: 'County-level area code' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'county must be a 6-digit area code' })
  county?: string;
}
