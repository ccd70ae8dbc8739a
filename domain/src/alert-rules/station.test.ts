import { describe, expect, it } from 'vitest';
import { evaluateBattery, evaluateOffline, STATION_DEFAULTS } from './station.js';

const lastReport = new Date('2026-05-10T08:00:00+08:00');
const after = (minutes: number) => new Date(lastReport.getTime() + minutes * 60_000);

const hourly = { code: '431124-0007-RW', intervalHours: 1 };

describe('evaluateOffline', () => {
  it('is offline after two expected intervals without a report', () => {
    expect(evaluateOffline(STATION_DEFAULTS, hourly, lastReport, after(119))).toMatchObject({
      ruleKey: 'offline:431124-0007-RW',
      severity: null,
      clear: false,
    });
    expect(evaluateOffline(STATION_DEFAULTS, hourly, lastReport, after(120))).toMatchObject({
      severity: 'warning',
      threshold: 2,
    });
    expect(evaluateOffline(STATION_DEFAULTS, hourly, lastReport, after(121)).severity).toBe('warning');
  });

  it('clears once the latest report is within one interval', () => {
    expect(evaluateOffline(STATION_DEFAULTS, hourly, lastReport, after(59)).clear).toBe(true);
    expect(evaluateOffline(STATION_DEFAULTS, hourly, lastReport, after(61)).clear).toBe(false);
  });

  it("follows each station's own interval", () => {
    const sixHourly = { code: '431124-0007-DS', intervalHours: 6 };
    expect(evaluateOffline(STATION_DEFAULTS, sixHourly, lastReport, after(11 * 60)).severity).toBeNull();
    expect(evaluateOffline(STATION_DEFAULTS, sixHourly, lastReport, after(12 * 60))).toMatchObject({
      ruleKey: 'offline:431124-0007-DS',
      severity: 'warning',
    });
  });
});

describe('evaluateBattery', () => {
  it.each([
    [12.6, null, 11.5],
    [11.5, null, 11.5],
    [11.49, 'info', 11.5],
    [11.0, 'info', 11.5],
    [10.99, 'warning', 11.0],
  ])('%s V → %s', (voltage, severity, threshold) => {
    expect(evaluateBattery(STATION_DEFAULTS, voltage)).toMatchObject({ ruleKey: 'battery_low', severity, threshold });
  });

  it('clears only above 11.5 V plus the 0.2 V band', () => {
    expect(evaluateBattery(STATION_DEFAULTS, 11.6).clear).toBe(false);
    expect(evaluateBattery(STATION_DEFAULTS, 11.71).clear).toBe(true);
  });

  it('explains itself in Chinese and English', () => {
    expect(evaluateBattery(STATION_DEFAULTS, 10.8).message).toEqual({
      zh: '蓄电池电压 10.80 V，低于 11.00 V（黄色预警）',
      en: 'Battery voltage 10.80 V, below 11.00 V (Yellow alert)',
    });
  });
});
