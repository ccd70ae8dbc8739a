import { Module } from '@nestjs/common';
import { ResponsiblePersonsController } from './responsible-persons.controller.js';
import { ResponsiblePersonsRepository } from './responsible-persons.repository.js';
import { ResponsiblePersonsService } from './responsible-persons.service.js';

/** The four responsible persons; the service is exported for the ledger import. */
@Module({
  controllers: [ResponsiblePersonsController],
  providers: [ResponsiblePersonsRepository, ResponsiblePersonsService],
  exports: [ResponsiblePersonsService],
})
export class ResponsiblePersonsModule {}
