import { SEVERITY_DISPLAY, type Severity } from '../alerts/severity.js';
import { evaluateGrades, type Evaluation } from '../alerts/evaluation.js';
import { numberProblems, orderProblems } from '../alerts/validate.js';

/** Station health: reporting ('offline') and supply voltage ('battery_low'). */
export interface StationRule {
  /** A station is offline after `offlineIntervals` of its own reporting intervals without a report. */
  offlineIntervals: number;
  /** Battery voltages (V) below which an alert opens: info, then warning. */
  batteryInfoBelow: number;
  batteryWarningBelow: number;
  /** Solar charging swings the voltage, so a battery alert resolves only above `batteryInfoBelow` plus this. */
  batteryBand: number;
}

export const STATION_DEFAULTS: StationRule = {
  offlineIntervals: 2,
  batteryInfoBelow: 11.5,
  batteryWarningBelow: 11.0,
  batteryBand: 0.2,
};

export function validateStationRule(rule: StationRule): string[] {
  const { offlineIntervals, batteryInfoBelow, batteryWarningBelow } = rule;
  return [
    ...numberProblems({ offlineIntervals, batteryInfoBelow, batteryWarningBelow }, 'positive'),
    ...numberProblems({ batteryBand: rule.batteryBand }, 'nonNegative'),
    ...orderProblems({ batteryWarningBelow, batteryInfoBelow }),
  ];
}

/** A station as its offline rule sees it: its code and the reporting interval it was set up with. */
export interface StationSchedule {
  code: string;
  intervalHours: number;
}

/**
 * One station (rule `offline:{station}`), judged on its own interval: offline once silent for `offlineIntervals`
 * of them; clear again as soon as a report arrives on time. A reservoir's rain station reporting says nothing
 * about its dam-safety station.
 */
export function evaluateOffline(
  rule: StationRule,
  station: StationSchedule,
  lastReportAt: Date,
  now: Date,
): Evaluation {
  const offlineAfter = station.intervalHours * rule.offlineIntervals;
  return evaluateGrades(
    {
      ruleKey: `offline:${station.code}`,
      subject: { zh: `测站 ${station.code} 未报时长`, en: `Station ${station.code} silent for` },
      unit: 'h',
      digits: 1,
      grades: [{ severity: 'warning', threshold: offlineAfter, name: { zh: '离线判定时长', en: 'the offline limit' } }],
      inclusive: true,
      clearBelow: station.intervalHours,
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
