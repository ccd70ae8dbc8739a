import { Module } from '@nestjs/common';
import { ReservoirsModule } from '../reservoirs/reservoirs.module.js';
import { SensorModelsController } from './sensor-models.controller.js';
import { SensorModelsService } from './sensor-models.service.js';

@Module({
  imports: [ReservoirsModule],
  controllers: [SensorModelsController],
  providers: [SensorModelsService],
})
export class SensorModelsModule {}
