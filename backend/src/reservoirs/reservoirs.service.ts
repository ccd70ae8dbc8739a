import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { dayStartBefore, isFloodSeason, isOnline, predictDay } from '@yz/domain';
import { beijingDay, characteristicLevels, dayBefore } from '@yz/platform';
import type { AreaScope } from '../common/scope.js';
import type { ReservoirDetailDto, ReservoirDto, SeriesDto } from './dto/reservoir.dto.js';
import type { Bucket, SeriesQueryDto } from './dto/series-query.dto.js';
import { stateOf } from './reservoir-state.js';
import { ReservoirsRepository, type LatestRow, type RainRow, type ReservoirRow } from './reservoirs.repository.js';

const HOUR_MS = 3_600_000;
const MAX_RANGE_DAYS = 400;
const BUCKET_SECONDS: Record<Exclude<Bucket, 'raw'>, number> = {
  '5m': 300,
  '15m': 900,
  '1h': 3600,
  '3h': 10800,
  '1d': 86400,
};
export type { ReservoirState } from './reservoir-state.js';

@Injectable()
export class ReservoirsService {
  constructor(private readonly repo: ReservoirsRepository) {}

  async list(scope: AreaScope, county: string | undefined, now = new Date()): Promise<ReservoirDto[]> {
    const area = scope.narrow(county);
    const [rows, latest, rain] = await Promise.all([
      this.repo.list(area),
      this.repo.latest(area),
      this.repo.rainAccumulations(area, new Date(dayStartBefore(now.getTime()))),
    ]);
    const byReservoir = groupLatest(latest);
    const rainOf = new Map(rain.map((r) => [r.reservoirCode, r]));
    return rows.map((r) => {
      const l = byReservoir.get(r.code) ?? [];
      return {
        ...summary(r),
        latest: latestValues(l),
        rain: rainValues(rainOf.get(r.code)),
        state: stateOf(r, l, now),
        hoursTo: r.hoursTo,
      };
    });
  }

  async detail(scope: AreaScope, code: string, now = new Date()): Promise<ReservoirDetailDto> {
    const r = await this.findInScope(scope, code);
    const [sensors, latest, stations, responsiblePersons, rain] = await Promise.all([
      this.repo.sensors(code),
      this.repo.latest(scope, code),
      this.repo.stations(code),
      this.repo.responsiblePersons(code),
      this.repo.rainAccumulations(scope, new Date(dayStartBefore(now.getTime())), code),
    ]);
    const latestBySensor = new Map(latest.map((l) => [l.sensor, l]));
    return {
      ...summary(r),
      damType: r.damType,
      damHeight: r.damHeight,
      totalStorage: r.totalStorage,
      catchmentArea: r.catchmentArea,
      gatedSpillway: r.gatedSpillway,
      managementMode: r.managementMode,
      damCategory: r.damCategory,
      completionYear: r.completionYear,
      lastAppraisal: r.lastAppraisal,
      nextAppraisal: r.nextAppraisal,
      stageStorage: r.stageStorage,
      floodSeason: isFloodSeason(now),
      state: stateOf(r, latest, now),
      latest: latestValues(latest),
      rain: rainValues(rain[0]),
      sensors: sensors.map((s) => ({
        code: s.code,
        type: s.type,
        unit: s.unit,
        threshold: s.threshold,
        station: s.station,
        latest: latestBySensor.has(s.code)
          ? { time: latestBySensor.get(s.code)!.time, value: latestBySensor.get(s.code)!.value }
          : null,
      })),
      // The override is the rule's, not the station's: it decides online, and is not shown.
      stations: stations.map(({ offlineIntervals, ...s }) => ({
        ...s,
        online: isOnline({ ...s, offlineIntervals }, now),
      })),
      responsiblePersons,
    };
  }

  async series(scope: AreaScope, code: string, q: SeriesQueryDto, now = new Date()): Promise<SeriesDto> {
    await this.findInScope(scope, code);
    const sensor = (await this.repo.sensors(code)).find((s) => s.code === q.sensor);
    if (!sensor) throw new BadRequestException(`Reservoir ${code} has no sensor ${q.sensor}`);
    const to = q.to ? new Date(q.to) : now;
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 24 * HOUR_MS);
    if (!(from < to)) throw new BadRequestException('from must be before to');
    const rangeMs = to.getTime() - from.getTime();
    if (rangeMs > MAX_RANGE_DAYS * 24 * HOUR_MS) {
      throw new BadRequestException(`The range may be at most ${MAX_RANGE_DAYS} days`);
    }
    const bucket = q.bucket ?? defaultBucket(rangeMs);
    const isRain = sensor.type === 'rainfall';
    const rows =
      bucket === 'raw'
        ? await this.repo.rawSeries(sensor.id, from, to, null, 'avg')
        : BUCKET_SECONDS[bucket] >= 3600
          ? await this.repo.rollupSeries(sensor.id, from, to, BUCKET_SECONDS[bucket], isRain ? 'sum' : 'last')
          : await this.repo.rawSeries(sensor.id, from, to, BUCKET_SECONDS[bucket], isRain ? 'sum' : 'avg');
    const points = rows.map((p) => [new Date(p.t).toISOString(), Number(p.v)] as [string, number]);
    const series = { sensor: { code: sensor.code, type: sensor.type, unit: sensor.unit }, bucket, points };
    return q.model === '1' ? { ...series, ...(await this.expected(code, sensor, points)) } : series;
  }

  /**
   * What the instrument's model expects at each point: the expectation of the point's (Beijing) day at the day's
   * mean level, with the σ of a new day's residual there, for the measured-vs-expected chart and its ±3σ band.
   */
  private async expected(code: string, sensor: { id: number; type: string }, points: [string, number][]) {
    const stored = await this.repo.sensorModel(sensor.id);
    const none = points.map(() => null);
    if (!stored?.model) {
      const modelMessage = stored?.message ?? 'No model for this sensor (dam-safety instruments are fitted nightly)';
      return { model: null, modelMessage, expected: none, residual: none, sigma: none };
    }
    const { model } = stored;
    const days = points.map(([t]) => beijingDay(new Date(t)));
    const inputs =
      days.length > 0
        ? await this.repo.hstInputs(code, dayBefore(days[0], 10), days.at(-1)!, sensor.type === 'seepage_flow')
        : null;
    const predictions = days.map((day) => (inputs ? predictDay(model, inputs, day) : null));
    return {
      model: { fittedAt: model.fittedAt, r2: model.r2, sigma: model.sigma, levelRange: model.levelRange },
      modelMessage: null,
      expected: predictions.map((p) => p?.expected ?? null),
      residual: predictions.map((p, i) => (p ? points[i][1] - p.expected : null)),
      sigma: predictions.map((p) => p?.sigma ?? null),
    };
  }

  /** The reservoir's sensor by its code; another area's reservoir or an unknown sensor is "not found". */
  async sensorInScope(scope: AreaScope, code: string, sensorCode: string) {
    await this.findInScope(scope, code);
    const sensor = (await this.repo.sensors(code)).find((s) => s.code === sensorCode);
    if (!sensor) throw new NotFoundException(`Reservoir ${code} has no sensor ${sensorCode}`);
    return sensor;
  }

  /** A user limited to an area sees nothing else: another area's reservoir is "not found", not "forbidden". */
  private async findInScope(scope: AreaScope, code: string): Promise<ReservoirRow> {
    if (!/^[0-9]{6}-[0-9]{4}$/.test(code)) throw new BadRequestException('Reservoir code must look like 431124-0007');
    const r = await this.repo.find(scope, code);
    if (!r) throw new NotFoundException(`No reservoir ${code}`);
    return r;
  }
}

function defaultBucket(rangeMs: number): Bucket {
  if (rangeMs <= 3 * 24 * HOUR_MS) return 'raw';
  return rangeMs <= 90 * 24 * HOUR_MS ? '1h' : '1d';
}

function summary(r: ReservoirRow) {
  return {
    code: r.code,
    name: r.name,
    county: r.county,
    countyName: r.countyName,
    scale: r.scale,
    longitude: r.longitude,
    latitude: r.latitude,
    damSafetyMonitoring: r.damSafetyMonitoring,
    levels: characteristicLevels(r),
  };
}

function groupLatest(rows: LatestRow[]): Map<string, LatestRow[]> {
  const map = new Map<string, LatestRow[]>();
  for (const row of rows) map.set(row.reservoirCode, [...(map.get(row.reservoirCode) ?? []), row]);
  return map;
}

function latestValues(rows: LatestRow[]) {
  const of = (type: string) => rows.find((r) => r.type === type);
  const times = rows.map((r) => new Date(r.time).getTime());
  return {
    time: times.length ? new Date(Math.max(...times)).toISOString() : null,
    waterLevel: of('water_level')?.value ?? null,
    rainfall: of('rainfall')?.value ?? null,
    batteryVoltage: of('battery_voltage')?.value ?? null,
  };
}

/**
 * Rainfall (mm) over the last 1/3/6/12/24 clock hours and the hydrological day since 08:00; 0 when the gauge reported
 * no rain, null when it was silent.
 */
export function rainValues(r: RainRow | undefined) {
  const mm = (v: number | null | undefined) => (v == null ? null : Math.round(Number(v) * 10) / 10);
  return { h1: mm(r?.h1), h3: mm(r?.h3), h6: mm(r?.h6), h12: mm(r?.h12), h24: mm(r?.h24), day: mm(r?.day) };
}
