/** Sensor types the registry knows, with their unit and the range a real instrument can report. */
export const SENSOR_TYPES = {
  rainfall: { unit: 'mm', min: 0, max: 300 },
  water_level: { unit: 'm', min: -100, max: 9000 },
  seepage_pressure: { unit: 'kPa', min: -50, max: 2000 },
  seepage_flow: { unit: 'L/s', min: 0, max: 1000 },
  displacement: { unit: 'mm', min: -500, max: 500 },
  battery_voltage: { unit: 'V', min: 0, max: 30 },
} as const;

export type SensorType = keyof typeof SENSOR_TYPES;
export const SENSOR_TYPE_NAMES = Object.keys(SENSOR_TYPES) as SensorType[];
