import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { ReservoirsModule } from '../reservoirs/reservoirs.module.js';
import { RealtimeGateway } from './realtime.gateway.js';

@Module({
  imports: [AlertsModule, ReservoirsModule],
  providers: [RealtimeGateway],
})
export class RealtimeModule {}
