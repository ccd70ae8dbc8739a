import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { fitSensorModel, HST_SENSOR_TYPES, loadSensorModel, type StoredSensorModel } from '@yz/platform';
import type { AreaScope } from '../common/scope.js';
import { InjectDb, type Sql } from '../common/sql.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { ReservoirsService } from '../reservoirs/reservoirs.service.js';
import type { SensorModelDto } from './sensor-model.dto.js';

/** The HST model of a dam-safety instrument: read it, or refit it now. */
@Injectable()
export class SensorModelsService {
  constructor(
    @InjectDb() private readonly db: Sql,
    private readonly reservoirs: ReservoirsService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async get(scope: AreaScope, code: string, sensorCode: string): Promise<SensorModelDto> {
    const sensor = await this.instrument(scope, code, sensorCode);
    return served(await loadSensorModel(this.db, sensor.id), sensor.unit);
  }

  async fit(scope: AreaScope, code: string, sensorCode: string, now = new Date()): Promise<SensorModelDto> {
    const sensor = await this.instrument(scope, code, sensorCode);
    const stored = await fitSensorModel(this.db, sensor.id, now);
    // The in-process ingest judges with the new model from the next reading on (a separate one within seconds).
    await this.runtime.ingest?.reloadAlertRules();
    return served(stored, sensor.unit);
  }

  private async instrument(scope: AreaScope, code: string, sensorCode: string) {
    const sensor = await this.reservoirs.sensorInScope(scope, code, sensorCode);
    if (!(HST_SENSOR_TYPES as readonly string[]).includes(sensor.type)) {
      throw new NotFoundException({
        statusCode: 404,
        reason: 'not-modelled',
        message: `${sensorCode} is a ${sensor.type} sensor: only seepage pressure, seepage flow and displacement have a model`,
      });
    }
    return sensor;
  }
}

/** The model as the API serves it, or the 404 saying why there is none. */
function served(stored: StoredSensorModel | null, unit: string): SensorModelDto {
  if (!stored) {
    throw new NotFoundException({
      statusCode: 404,
      reason: 'not-fitted',
      message: 'No model yet: models are fitted nightly, or now with POST …/model/fit (engineer)',
    });
  }
  if (!stored.model) throw new NotFoundException({ statusCode: 404, reason: stored.refusal, message: stored.message });
  const { kind, fittedAt, trainingFrom, trainingTo, n, r2, sigma, levelRange, terms, autocorrelation } = stored.model;
  return { kind, fittedAt, trainingFrom, trainingTo, n, r2, sigma, levelRange, terms, autocorrelation, unit };
}
