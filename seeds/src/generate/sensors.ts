import type { Random, Scale, SensorSeed, SensorType } from '@yz/domain';
import { round } from './numeric.js';

const WATER_UNIT_WEIGHT = 9.81; // kN/m³: kPa per metre of water head

/** Seepage-flow alarm (L/s) grows with the dam: a small(2) earth dam leaks far less than a medium one. */
const SEEPAGE_FLOW_THRESHOLD: Record<Scale, [number, number]> = { small2: [0.5, 1.5], small1: [1, 3], medium: [2, 5] };

/**
 * Every reservoir: rain gauge, water level and the RTU's battery. Monitored dams add 3–6 piezometers
 * (alarm at 50–70% of the full dam head, by where each sits), a seepage weir and 2–4 surface displacement marks.
 */
export function drawSensors(rng: Random, scale: Scale, damHeight: number, monitored: boolean): SensorSeed[] {
  const damSafety = monitored
    ? [
        ...series(rng.int(3, 6), 'SP', 'seepage_pressure', () =>
          round(damHeight * WATER_UNIT_WEIGHT * rng.between(0.5, 0.7), 1),
        ),
        sensor('SF1', 'seepage_flow', round(rng.between(...SEEPAGE_FLOW_THRESHOLD[scale]), 1)),
        ...series(rng.int(2, 4), 'DS', 'displacement', () => rng.int(20, 40)),
      ]
    : [];
  return [
    sensor('RG1', 'rainfall', null),
    sensor('WL1', 'water_level', null),
    ...damSafety,
    sensor('BV1', 'battery_voltage', null),
  ];
}

function series(count: number, prefix: string, type: SensorType, threshold: () => number): SensorSeed[] {
  return Array.from({ length: count }, (_, i) => sensor(`${prefix}${i + 1}`, type, threshold()));
}

function sensor(code: string, type: SensorType, threshold: number | null): SensorSeed {
  return { code, type, threshold };
}
