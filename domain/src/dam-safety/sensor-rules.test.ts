import { describe, expect, it } from 'vitest';
import { evaluateJump, evaluateSensorThreshold, SENSOR_DEFAULTS, type ThresholdSensor } from './sensor-rules.js';

const sp2: ThresholdSensor = { code: 'SP2', type: 'seepage_pressure', threshold: 100 };

describe('evaluateSensorThreshold', () => {
  it.each([
    [99.9, null, 100],
    [100, 'warning', 100],
    [119.9, 'warning', 100],
    [120, 'major', 120],
    [149.9, 'major', 120],
    [150, 'critical', 150],
  ])('%s kPa against 100 kPa → %s', (value, severity, threshold) => {
    expect(evaluateSensorThreshold(SENSOR_DEFAULTS, sp2, value)).toMatchObject({
      ruleKey: 'seepage_pressure:SP2',
      severity,
      threshold,
    });
  });

  it('clears below 95% of the threshold', () => {
    expect(evaluateSensorThreshold(SENSOR_DEFAULTS, sp2, 96)).toMatchObject({ severity: null, clear: false });
    expect(evaluateSensorThreshold(SENSOR_DEFAULTS, sp2, 94.9)).toMatchObject({ severity: null, clear: true });
  });

  it('judges displacement by its magnitude', () => {
    const ds1: ThresholdSensor = { code: 'DS1', type: 'displacement', threshold: 10 };
    expect(evaluateSensorThreshold(SENSOR_DEFAULTS, ds1, -12.5)).toMatchObject({
      ruleKey: 'displacement:DS1',
      severity: 'major',
      value: 12.5,
    });
  });

  it('names the sensor and unit in its message', () => {
    const sf1: ThresholdSensor = { code: 'SF1', type: 'seepage_flow', threshold: 2 };
    expect(evaluateSensorThreshold(SENSOR_DEFAULTS, sf1, 2.5)?.message).toEqual({
      zh: 'SF1 渗流量 2.50 L/s，达到报警值 2.40 L/s（橙色预警）',
      en: 'SF1 seepage flow 2.50 L/s, reached the alarm threshold 2.40 L/s (Orange alert)',
    });
  });

  it('has no rule for sensors without a threshold or of other types', () => {
    expect(evaluateSensorThreshold(SENSOR_DEFAULTS, { ...sp2, threshold: null }, 500)).toBeNull();
    expect(evaluateSensorThreshold(SENSOR_DEFAULTS, { code: 'RG1', type: 'rainfall', threshold: 10 }, 50)).toBeNull();
  });
});

describe('evaluateJump', () => {
  it('warns when consecutive readings differ by more than 25% of the threshold', () => {
    expect(evaluateJump(SENSOR_DEFAULTS, sp2, 40, 65)).toMatchObject({ ruleKey: 'jump:SP2', severity: null });
    expect(evaluateJump(SENSOR_DEFAULTS, sp2, 40, 65.1)).toMatchObject({ severity: 'warning', threshold: 25 });
    expect(evaluateJump(SENSOR_DEFAULTS, sp2, 65.1, 40)?.severity).toBe('warning');
  });

  it('clears once the change is back below 95% of the jump limit', () => {
    expect(evaluateJump(SENSOR_DEFAULTS, sp2, 40, 64)?.clear).toBe(false);
    expect(evaluateJump(SENSOR_DEFAULTS, sp2, 40, 63.7)?.clear).toBe(true);
  });

  it('has no rule for sensors without a threshold', () => {
    expect(evaluateJump(SENSOR_DEFAULTS, { ...sp2, threshold: null }, 0, 500)).toBeNull();
  });
});
