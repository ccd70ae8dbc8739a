import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

/** Reading the audit trail; each register writes its own entries (common/audit-log.ts). */
@Module({ controllers: [AuditController], providers: [AuditService] })
export class AuditModule {}
