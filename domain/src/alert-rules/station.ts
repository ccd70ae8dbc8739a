import { SEVERITY_DISPLAY, type Severity } from '../alerts/severity.js';
import { evaluateGrades, type Evaluation } from '../alerts/evaluation.js';
import { numberProblems, orderProblems } from '../alerts/validate.js';

/** Station health: reporting ('offline') and supply voltage ('battery_low'). */
export interface StationRule {
  /** The station's reporting interval (h); it is offline after `offlineIntervals` of them without a report. */
  expectedIntervalHours: number;
  offlineIntervals: number;
  /** Battery voltages (V) below which an alert opens: info, then warning. */
  batteryInfoBelow: number;
  batteryWarningBelow: number;
  /** Solar charging swings the voltage, so a battery alert resolves only above `batteryInfoBelow` plus this. */
  batteryBand: number;
}

export const STATION_DEFAULTS: StationRule = {
  expectedIntervalHours: 1,
  offlineIntervals: 2,
  batteryInfoBelow: 11.5,
  batteryWarningBelow: 11.0,
  batteryBand: 0.2,
};

export function validateStationRule(rule: StationRule): string[] {
  const { expectedIntervalHours, offlineIntervals, batteryInfoBelow, batteryWarningBelow } = rule;
  return [
    ...numberProblems({ expectedIntervalHours, offlineIntervals, batteryInfoBelow, batteryWarningBelow }, 'positive'),
    ...numberProblems({ batteryBand: rule.batteryBand }, 'nonNegative'),
    ...orderProblems({ batteryWarningBelow, batteryInfoBelow }),
  ];
}

/** Offline once silent for `offlineIntervals` expected intervals; clear again as soon as a report arrives on time. */
export function evaluateOffline(rule: StationRule, lastReportAt: Date, now: Date): Evaluation {
  const offlineAfter = rule.expectedIntervalHours * rule.offlineIntervals;
  return evaluateGrades(
    {
      ruleKey: 'offline',
      subject: { zh: '测站未报时长', en: 'Station silent for' },
      unit: 'h',
      digits: 1,
      grades: [{ severity: 'warning', threshold: offlineAfter, name: { zh: '离线判定时长', en: 'the offline limit' } }],
      inclusive: true,
      clearBelow: rule.expectedIntervalHours,
    },
    (now.getTime() - lastReportAt.getTime()) / 3_600_000,
  );
}

/** Low battery: the one rule whose alarm lies below its thresholds. */
export function evaluateBattery(rule: StationRule, voltage: number): Evaluation {
  const severity: Severity | null =
    voltage < rule.batteryWarningBelow ? 'warning' : voltage < rule.batteryInfoBelow ? 'info' : null;
  const threshold = severity === 'warning' ? rule.batteryWarningBelow : rule.batteryInfoBelow;
  const v = `${voltage.toFixed(2)} V`;
  const t = `${threshold.toFixed(2)} V`;
  const message = severity
    ? {
        zh: `蓄电池电压 ${v}，低于 ${t}（${SEVERITY_DISPLAY[severity].zh}）`,
        en: `Battery voltage ${v}, below ${t} (${SEVERITY_DISPLAY[severity].en})`,
      }
    : { zh: `蓄电池电压 ${v}，不低于 ${t}`, en: `Battery voltage ${v}, not below ${t}` };
  return {
    ruleKey: 'battery_low',
    severity,
    threshold,
    value: voltage,
    clear: voltage > rule.batteryInfoBelow + rule.batteryBand,
    message,
  };
}
