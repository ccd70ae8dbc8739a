import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The most rows one page of a list route returns (and its default: callers that never paged keep working). */
export const MAX_PAGE = 1000;

/** `limit` / `offset` paging for list routes whose rows grow with use (not with the reservoir registry). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Rows to skip: page on while a full page comes back' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export interface Page {
  limit: number;
  offset: number;
}

export function pageOf(q: PageQueryDto): Page {
  return { limit: q.limit ?? MAX_PAGE, offset: q.offset ?? 0 };
}
