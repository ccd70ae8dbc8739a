import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MaxLength,
  MinLength,
} from 'class-validator';
import { FORMATS, type Format } from '../common/spreadsheet.js';
import { PERSON_ROLES, PHONE_PATTERN, type PersonRole } from './person-roles.js';

export class PersonListQueryDto {
  @ApiPropertyOptional({ description: 'County-level area code', example: '431124' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'county must be a 6-digit area code' })
  county?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'false: only persons not yet trained' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'trained must be true or false' })
  trained?: 'true' | 'false';
}

export class PersonExportQueryDto {
  @ApiProperty({ example: 2026, description: 'Year the list is published for' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ enum: FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: Format;

  @ApiPropertyOptional({ description: 'County-level area code', example: '431124' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'county must be a 6-digit area code' })
  county?: string;
}

export class PutPersonDto {
  @ApiProperty({ example: '张三' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name!: string;

  @ApiProperty({ example: '13800000001' })
  @Matches(PHONE_PATTERN, { message: 'phone must be an 11-digit mobile number starting with 1' })
  phone!: string;

  @ApiProperty()
  @IsBoolean()
  trained!: boolean;

  @ApiPropertyOptional({ example: '2026-03-01', description: 'Date of the latest training; required when trained' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'trainedOn must be an ISO-8601 date' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'trainedOn must be a date YYYY-MM-DD' })
  trainedOn?: string;
}

/** A person holding one of a reservoir's four roles. */
export class ResponsiblePersonDto {
  @ApiProperty({ enum: PERSON_ROLES }) role!: PersonRole;
  @ApiProperty() name!: string;
  @ApiProperty() phone!: string;
  @ApiProperty() trained!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) trainedOn!: string | null;
}

/** GET /api/responsible-persons: a person with the reservoir and area. */
export class PersonRowDto extends ResponsiblePersonDto {
  @ApiProperty() reservoirCode!: string;
  @ApiProperty() reservoirName!: string;
  @ApiProperty({ description: 'County-level area code' }) county!: string;
  @ApiProperty() countyName!: string;
}
