import { Module } from '@nestjs/common';
import { HazardsController } from './hazards.controller.js';
import { HazardsRepository } from './hazards.repository.js';
import { HazardsService } from './hazards.service.js';

/** The hazard ledger; the service is exported for the ledger import. */
@Module({
  controllers: [HazardsController],
  providers: [HazardsRepository, HazardsService],
  exports: [HazardsService],
})
export class HazardsModule {}
