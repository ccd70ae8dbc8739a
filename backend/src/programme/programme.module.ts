import { Module } from '@nestjs/common';
import { FundingController, ProjectsController } from './programme.controller.js';
import { ProgrammeEvents } from './programme.events.js';
import { ProgrammeRepository } from './programme.repository.js';
import { ProgrammeService } from './programme.service.js';

/** The reinforcement, telemetry and dam-monitoring programme and its funding ledger. ProgrammeEvents is exported for the Socket.IO gateway. */
@Module({
  controllers: [ProjectsController, FundingController],
  providers: [ProgrammeRepository, ProgrammeService, ProgrammeEvents],
  exports: [ProgrammeService, ProgrammeRepository, ProgrammeEvents],
})
export class ProgrammeModule {}
