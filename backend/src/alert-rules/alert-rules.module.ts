import { Module } from '@nestjs/common';
import { ReservoirsModule } from '../reservoirs/reservoirs.module.js';
import { AlertRulesController } from './alert-rules.controller.js';
import { AlertRulesService } from './alert-rules.service.js';

@Module({
  imports: [ReservoirsModule],
  controllers: [AlertRulesController],
  providers: [AlertRulesService],
})
export class AlertRulesModule {}
