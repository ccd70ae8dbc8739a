import { Module } from '@nestjs/common';
import { ProgrammeModule } from '../programme/programme.module.js';
import { AppraisalsController } from './appraisals.controller.js';
import { AppraisalsRepository } from './appraisals.repository.js';
import { AppraisalsService } from './appraisals.service.js';

/** Safety appraisals: the schedule, the results, and the projects a category-3 result opens. */
@Module({
  imports: [ProgrammeModule],
  controllers: [AppraisalsController],
  providers: [AppraisalsRepository, AppraisalsService],
})
export class AppraisalsModule {}
