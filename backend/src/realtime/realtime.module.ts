import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { ProgrammeModule } from '../programme/programme.module.js';
import { ReservoirsModule } from '../reservoirs/reservoirs.module.js';
import { RealtimeEvents } from './realtime-events.js';
import { RealtimeGateway } from './realtime.gateway.js';

@Module({
  imports: [AlertsModule, ReservoirsModule, ProgrammeModule],
  providers: [RealtimeGateway, RealtimeEvents],
  exports: [RealtimeGateway],
})
export class RealtimeModule {}
