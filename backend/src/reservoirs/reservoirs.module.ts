import { Module } from '@nestjs/common';
import { OverviewRepository } from './overview.repository.js';
import { OverviewService } from './overview.service.js';
import { ReservoirsController } from './reservoirs.controller.js';
import { ReservoirsRepository } from './reservoirs.repository.js';
import { ReservoirsService } from './reservoirs.service.js';

@Module({
  controllers: [ReservoirsController],
  providers: [ReservoirsRepository, ReservoirsService, OverviewRepository, OverviewService],
  exports: [ReservoirsService, ReservoirsRepository],
})
export class ReservoirsModule {}
