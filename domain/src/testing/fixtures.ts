import type { CharacteristicLevels, ReservoirSeed, SensorSeed, StagePoint } from '../registry/index.js';

/** Stage–storage of a V-shaped valley: storage grows as depth^2.5, points every 2 m up to `top`. */
export function valleyCurve(bed: number, normalLevel: number, normalStorage: number, top: number): StagePoint[] {
  const points: StagePoint[] = [];
  for (let level = bed; level < top; level += 2) points.push([level, storageAt(level)]);
  points.push([top, storageAt(top)]);
  return points;

  function storageAt(level: number): number {
    return normalStorage * ((level - bed) / (normalLevel - bed)) ** 2.5;
  }
}

const TELEMETRY: SensorSeed[] = [
  { code: 'RG1', type: 'rainfall', threshold: null },
  { code: 'WL1', type: 'water_level', threshold: null },
  { code: 'BV1', type: 'battery_voltage', threshold: null },
];

const DAM_SAFETY: SensorSeed[] = [
  { code: 'SP1', type: 'seepage_pressure', threshold: 150 },
  { code: 'SP2', type: 'seepage_pressure', threshold: 150 },
  { code: 'SP3', type: 'seepage_pressure', threshold: null },
  { code: 'SF1', type: 'seepage_flow', threshold: 5 },
  { code: 'DS1', type: 'displacement', threshold: 30 },
  { code: 'DS2', type: 'displacement', threshold: null },
];

function reservoir(
  code: string,
  at: { lon: number; lat: number },
  bed: number,
  levels: CharacteristicLevels,
  shape: { normalStorage: number; catchmentArea: number; spillwayWidth: number; gated?: boolean; damSafety?: boolean },
): ReservoirSeed {
  const stageStorage = valleyCurve(bed, levels.normalLevel, shape.normalStorage, levels.crestElevation + 1);
  return {
    code,
    name: `测试水库${code.slice(-1)}`,
    areaCode: code.slice(0, 6),
    scale: 'small1',
    damType: 'earth',
    damHeight: levels.crestElevation - bed,
    totalStorage: Math.round(shape.normalStorage * 1.3),
    catchmentArea: shape.catchmentArea,
    gatedSpillway: shape.gated ?? false,
    spillwayWidth: shape.spillwayWidth,
    levels,
    stageStorage,
    longitude: at.lon,
    latitude: at.lat,
    managementMode: 'professional',
    damCategory: shape.damSafety ? 3 : 2,
    completionYear: 1976,
    lastAppraisal: '2022-06-30',
    nextAppraisal: '2028-06-30',
    damSafetyMonitoring: shape.damSafety ?? false,
    sensors: shape.damSafety ? [...TELEMETRY, ...DAM_SAFETY] : TELEMETRY,
    responsiblePersons: [],
  };
}

/** Ungated, flood-limit = normal pool, near Lingling. */
export const UNGATED = reservoir(
  '431102-0001',
  { lon: 111.6, lat: 26.2 },
  300,
  {
    deadLevel: 305,
    floodLimitLevel: 318,
    normalLevel: 318,
    designFloodLevel: 319.5,
    checkFloodLevel: 320.3,
    crestElevation: 321.5,
  },
  { normalStorage: 250, catchmentArea: 8, spillwayWidth: 20 },
);

/** Gated: the flood-limit level is a metre below normal pool. */
export const GATED = reservoir(
  '431102-0002',
  { lon: 111.63, lat: 26.22 },
  150,
  {
    deadLevel: 154,
    floodLimitLevel: 162,
    normalLevel: 163,
    designFloodLevel: 164.2,
    checkFloodLevel: 164.8,
    crestElevation: 166,
  },
  { normalStorage: 80, catchmentArea: 4, spillwayWidth: 12, gated: true },
);

/** A dangerous (category 3) dam with dam-safety monitoring. */
export const MONITORED = reservoir(
  '431102-0003',
  { lon: 111.58, lat: 26.17 },
  210,
  {
    deadLevel: 214,
    floodLimitLevel: 226,
    normalLevel: 226,
    designFloodLevel: 227.2,
    checkFloodLevel: 227.9,
    crestElevation: 229,
  },
  { normalStorage: 180, catchmentArea: 6, spillwayWidth: 15, damSafety: true },
);

/** Like {@link UNGATED} but some 170 km away, in Jianghua. */
export const FAR = { ...UNGATED, code: '431129-0001', areaCode: '431129', longitude: 112.3, latitude: 25.0 };

export const FIXTURES: readonly ReservoirSeed[] = [UNGATED, GATED, MONITORED, FAR];
