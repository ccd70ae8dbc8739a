import type { CharacteristicLevels } from '../registry/index.js';
import { describe, expect, it } from 'vitest';
import { evaluateWaterLevel, waterLevelDefaults } from './water-level.js';

const levels: CharacteristicLevels = {
  deadLevel: 300,
  floodLimitLevel: 310,
  normalLevel: 310.5,
  designFloodLevel: 311.8,
  checkFloodLevel: 312.4,
  crestElevation: 313,
};
const rule = waterLevelDefaults(levels);
const july = new Date('2026-07-01T08:00:00+08:00');
const november = new Date('2026-11-01T08:00:00+08:00');

describe('evaluateWaterLevel', () => {
  it.each([
    [309.99, null, 310],
    [310, null, 310],
    [310.01, 'warning', 310],
    [311.8, 'warning', 310],
    [311.81, 'major', 311.8],
    [312.4, 'major', 311.8],
    [312.41, 'critical', 312.4],
  ])('in the flood season, %s m → %s (threshold %s)', (value, severity, threshold) => {
    expect(evaluateWaterLevel(rule, value, july)).toMatchObject({ ruleKey: 'water_level', severity, threshold, value });
  });

  it('warns above the flood-limit level in the flood season and above the normal pool outside it', () => {
    expect(evaluateWaterLevel(rule, 310.3, july).severity).toBe('warning');
    expect(evaluateWaterLevel(rule, 310.3, november).severity).toBeNull();
    expect(evaluateWaterLevel(rule, 310.5, november).severity).toBeNull();
    expect(evaluateWaterLevel(rule, 310.51, november)).toMatchObject({ severity: 'warning', threshold: 310.5 });
  });

  it('warns a restricted dam at its restricted level in the flood season, at the normal pool outside it', () => {
    const restricted = waterLevelDefaults(levels, 309);
    expect(evaluateWaterLevel(restricted, 309.2, july, 'restricted')).toMatchObject({
      severity: 'warning',
      threshold: 309,
      message: { zh: '库水位 309.20 m，超过限制运用水位 309.00 m（黄色预警）' },
    });
    expect(evaluateWaterLevel(restricted, 309.2, november).severity).toBeNull();
  });

  it('switches with the local date at the season boundaries', () => {
    expect(evaluateWaterLevel(rule, 310.3, new Date('2026-03-31T23:59:00+08:00')).severity).toBeNull();
    expect(evaluateWaterLevel(rule, 310.3, new Date('2026-04-01T00:00:00+08:00')).severity).toBe('warning');
    expect(evaluateWaterLevel(rule, 310.3, new Date('2026-09-30T23:59:00+08:00')).severity).toBe('warning');
    expect(evaluateWaterLevel(rule, 310.3, new Date('2026-10-01T00:00:00+08:00')).severity).toBeNull();
  });

  it('is critical within 0.5 m of the crest even below the check flood level', () => {
    const lowCrest = waterLevelDefaults({ ...levels, crestElevation: 312.8 });
    expect(evaluateWaterLevel(lowCrest, 312.3, july).severity).toBe('major');
    expect(evaluateWaterLevel(lowCrest, 312.31, july)).toMatchObject({ severity: 'critical', threshold: 312.3 });
  });

  it('clears only below the warning level minus the 0.1 m band', () => {
    expect(evaluateWaterLevel(rule, 309.95, july)).toMatchObject({ severity: null, clear: false });
    expect(evaluateWaterLevel(rule, 309.89, july)).toMatchObject({ severity: null, clear: true });
    expect(evaluateWaterLevel(rule, 310.45, november).clear).toBe(false);
    expect(evaluateWaterLevel(rule, 310.39, november).clear).toBe(true);
  });

  it('explains itself in Chinese and English', () => {
    expect(evaluateWaterLevel(rule, 310.2, july).message).toEqual({
      zh: '库水位 310.20 m，超过汛限水位 310.00 m（黄色预警）',
      en: 'Water level 310.20 m, above flood-limit level 310.00 m (Yellow alert)',
    });
    expect(evaluateWaterLevel(rule, 310.2, november).message.zh).toBe('库水位 310.20 m，未超过正常蓄水位 310.50 m');
  });
});
