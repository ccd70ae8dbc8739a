import { Module } from '@nestjs/common';
import { ReservoirsController } from './reservoirs.controller.js';
import { ReservoirsRepository } from './reservoirs.repository.js';
import { ReservoirsService } from './reservoirs.service.js';

@Module({
  controllers: [ReservoirsController],
  providers: [ReservoirsRepository, ReservoirsService],
  exports: [ReservoirsService, ReservoirsRepository],
})
export class ReservoirsModule {}
