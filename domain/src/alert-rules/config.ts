import type { CharacteristicLevels } from '../registry/index.js';
import { RAIN_DEFAULTS, validateRainRule, type RainRule } from './rain.js';
import { SENSOR_DEFAULTS, validateSensorRule, type SensorRule } from '../dam-safety/sensor-rules.js';
import { STATION_DEFAULTS, validateStationRule, type StationRule } from './station.js';
import { validateWaterLevelRule, waterLevelDefaults, type WaterLevelRule } from './water-level.js';
import { validateWaterLevelRiseRule, WATER_LEVEL_RISE_DEFAULTS, type WaterLevelRiseRule } from './water-level-rise.js';

/** Every rule's settings for one reservoir. */
export interface RuleConfig {
  waterLevel: WaterLevelRule;
  waterLevelRise: WaterLevelRiseRule;
  rain: RainRule;
  sensor: SensorRule;
  station: StationRule;
}

/** Per-reservoir overrides: any subset of any rule's settings. */
export type RuleOverrides = { [Family in keyof RuleConfig]?: Partial<RuleConfig[Family]> };

export class RuleConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid alert rule settings: ${problems.join('; ')}`);
    this.name = 'RuleConfigError';
  }
}

/**
 * Copies, so a caller changing its config cannot change the shared defaults. `restrictedLevel`: the restricted
 * level in force (flood/restricted-level), which replaces the flood-limit level in the flood season.
 */
export function defaultRuleConfig(levels: CharacteristicLevels, restrictedLevel: number | null = null): RuleConfig {
  return {
    waterLevel: waterLevelDefaults(levels, restrictedLevel),
    waterLevelRise: { ...WATER_LEVEL_RISE_DEFAULTS },
    rain: { ...RAIN_DEFAULTS },
    sensor: { ...SENSOR_DEFAULTS },
    station: { ...STATION_DEFAULTS },
  };
}

/**
 * Overrides merged over the defaults, one rule at a time. Overrides usually come from stored JSON, so unknown
 * settings, non-numbers, negatives and thresholds out of order throw a RuleConfigError listing every problem.
 */
export function mergeOverrides(defaults: RuleConfig, overrides: RuleOverrides = {}): RuleConfig {
  const problems = Object.keys(overrides)
    .filter((family) => !(family in defaults))
    .map((family) => `${family} is not an alert rule`);
  const merged: RuleConfig = {
    waterLevel: mergeRule('waterLevel', defaults.waterLevel, overrides.waterLevel, validateWaterLevelRule, problems),
    waterLevelRise: mergeRule(
      'waterLevelRise',
      defaults.waterLevelRise,
      overrides.waterLevelRise,
      validateWaterLevelRiseRule,
      problems,
    ),
    rain: mergeRule('rain', defaults.rain, overrides.rain, validateRainRule, problems),
    sensor: mergeRule('sensor', defaults.sensor, overrides.sensor, validateSensorRule, problems),
    station: mergeRule('station', defaults.station, overrides.station, validateStationRule, problems),
  };
  if (problems.length > 0) throw new RuleConfigError(problems);
  return merged;
}

/** Merges one rule's patch and validates the result, adding any problems under the rule's name. */
function mergeRule<Rule extends object>(
  family: keyof RuleConfig,
  defaults: Rule,
  patch: Partial<Rule> | undefined,
  validate: (rule: Rule) => string[],
  problems: string[],
): Rule {
  const unknown = Object.keys(patch ?? {}).filter((key) => !(key in defaults));
  const rule = { ...defaults, ...patch };
  problems.push(
    ...unknown.map((key) => `${family}.${key} is not a setting`),
    ...validate(rule).map((problem) => `${family}.${problem}`),
  );
  return rule;
}
