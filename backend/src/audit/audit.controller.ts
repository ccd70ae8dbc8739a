import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../common/paging.js';
import { Scope, type AreaScope } from '../common/scope.js';
import { AuditService } from './audit.service.js';

/** Everyone who may see a reservoir sees who changed its registers (hazards, persons, alert rules), newest first. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/reservoirs/:code/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: "The audit trail of a reservoir's hazards, responsible persons and alert rules" })
  list(@Scope() scope: AreaScope, @Param('code') code: string, @Query() q: PageQueryDto) {
    return this.audit.forReservoir(scope, code, q);
  }
}
