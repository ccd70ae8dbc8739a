import { Module, type DynamicModule } from '@nestjs/common';
import { AlertRulesModule } from './alert-rules/alert-rules.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { AppraisalsModule } from './appraisals/appraisals.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { DB } from './common/sql.js';
import { APP_CONFIG, RUNTIME, type Runtime } from './config/runtime.js';
import { DailyReportModule } from './daily-report/daily-report.module.js';
import { FloodModule } from './flood/flood.module.js';
import { HazardsModule } from './hazards/hazards.module.js';
import { HealthController } from './health/health.controller.js';
import { LedgerIoModule } from './ledger-io/ledger-io.module.js';
import { ProgrammeModule } from './programme/programme.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { ResponsiblePersonsModule } from './responsible-persons/responsible-persons.module.js';
import { ReservoirsModule } from './reservoirs/reservoirs.module.js';
import { SensorModelsModule } from './sensor-models/sensor-models.module.js';
import { SimulationModule } from './simulation/simulation.module.js';
import { StationsModule } from './stations/stations.module.js';
import { TelemetryModule } from './telemetry/telemetry.module.js';

@Module({})
export class AppModule {
  /** The database is opened (and migrated) before Nest starts; the app is handed its Kysely instance. */
  static forRuntime(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        AuthModule,
        ReservoirsModule,
        SensorModelsModule,
        AlertsModule,
        RealtimeModule,
        TelemetryModule,
        StationsModule,
        ProgrammeModule,
        AppraisalsModule,
        ResponsiblePersonsModule,
        HazardsModule,
        LedgerIoModule,
        AlertRulesModule,
        AuditModule,
        SimulationModule,
        FloodModule,
        DailyReportModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: APP_CONFIG, useValue: runtime.config },
        { provide: DB, useValue: runtime.db },
      ],
      exports: [RUNTIME, APP_CONFIG, DB],
    };
  }
}
