import type { CharacteristicLevels } from '../registry/index.js';
import { describe, expect, it } from 'vitest';
import { defaultRuleConfig, mergeOverrides, RuleConfigError, type RuleOverrides } from './config.js';

const levels: CharacteristicLevels = {
  deadLevel: 300,
  floodLimitLevel: 310,
  normalLevel: 310.5,
  designFloodLevel: 311.8,
  checkFloodLevel: 312.4,
  crestElevation: 313,
};
const defaults = defaultRuleConfig(levels);

/** The problems mergeOverrides reports, as stored JSON would bring them. */
function problemsOf(json: string): readonly string[] {
  try {
    mergeOverrides(defaults, JSON.parse(json) as RuleOverrides);
  } catch (error) {
    if (error instanceof RuleConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('defaultRuleConfig', () => {
  it('derives the water-level thresholds from the characteristic levels', () => {
    expect(defaults.waterLevel).toEqual({
      floodSeasonWarning: 310,
      offSeasonWarning: 310.5,
      major: 311.8,
      critical: 312.4,
      crestElevation: 313,
      crestFreeboard: 0.5,
      band: 0.1,
    });
    expect(defaults.waterLevelRise.ratePerHour).toBe(0.3);
    expect(defaults.rain['3h']).toEqual([null, null, 50, 100]);
    expect(defaults.station).toMatchObject({ offlineIntervals: 2 });
  });
});

describe('mergeOverrides', () => {
  it('merges overrides over the defaults, one setting at a time', () => {
    const merged = mergeOverrides(defaults, {
      waterLevel: { floodSeasonWarning: 310.2, band: 0.2 },
      rain: { '1h': [20, 40, 60, 80] },
    });
    expect(merged.waterLevel).toEqual({ ...defaults.waterLevel, floodSeasonWarning: 310.2, band: 0.2 });
    expect(merged.rain).toEqual({ ...defaults.rain, '1h': [20, 40, 60, 80] });
    expect(merged.sensor).toEqual(defaults.sensor);
    expect(defaults.waterLevel.band).toBe(0.1);
  });

  it('returns the defaults unchanged without overrides', () => {
    expect(mergeOverrides(defaults)).toEqual(defaults);
  });

  it.each([
    ['{"waterLevel":{"band":-0.1}}', 'waterLevel.band must be ≥ 0 (got -0.1)'],
    ['{"waterLevel":{"floodSeasonWarning":312}}', 'waterLevel.floodSeasonWarning (312) must be below major (311.8)'],
    ['{"waterLevelRise":{"ratePerHour":0}}', 'waterLevelRise.ratePerHour must be > 0 (got 0)'],
    ['{"rain":{"3h":[50,40,100,150]}}', 'rain.3h info (50) must be below 3h warning (40)'],
    ['{"rain":{"1h":[30,50]}}', 'rain.1h must list 4 amounts or nulls (info, warning, major, critical)'],
    ['{"rain":{"clearRatio":1.5}}', 'rain.clearRatio must be ≤ 1 (got 1.5)'],
    ['{"sensor":{"majorFactor":0.9}}', 'sensor.threshold (1) must be below majorFactor (0.9)'],
    ['{"sensor":{"criticalFactor":1.1}}', 'sensor.majorFactor (1.2) must be below criticalFactor (1.1)'],
    [
      '{"station":{"batteryWarningBelow":12}}',
      'station.batteryWarningBelow (12) must be below batteryInfoBelow (11.5)',
    ],
    ['{"station":{"offlineIntervals":"2"}}', 'station.offlineIntervals must be a finite number'],
    ['{"station":{"batteryBand":null}}', 'station.batteryBand must be a finite number'],
    ['{"waterLevel":{"bnad":0.2}}', 'waterLevel.bnad is not a setting'],
    ['{"flood":{}}', 'flood is not an alert rule'],
  ])('rejects %s', (json, problem) => {
    expect(problemsOf(json)).toEqual([problem]);
  });

  it('reports every problem at once', () => {
    expect(() => mergeOverrides(defaults, { waterLevel: { band: -1 }, sensor: { jumpFactor: -0.25 } })).toThrow(
      'Invalid alert rule settings: waterLevel.band must be ≥ 0 (got -1); sensor.jumpFactor must be > 0 (got -0.25)',
    );
  });
});
