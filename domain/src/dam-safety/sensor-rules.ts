import { SENSOR_TYPES, type SensorType } from '../registry/index.js';
import { evaluateGrades, type Evaluation, type LocalizedText } from '../alerts/evaluation.js';
import { numberProblems, orderProblems, ratioProblems } from '../alerts/validate.js';

/** Dam-safety sensors against their own alarm threshold (rules 'seepage_pressure:SP2', 'jump:SP2', …). */
export interface SensorRule {
  /** Multiples of the sensor threshold that make an alert major and critical (the threshold itself warns). */
  majorFactor: number;
  criticalFactor: number;
  /** An open alert resolves only below this share of the threshold. */
  clearRatio: number;
  /** A change between consecutive readings larger than this share of the threshold is an abnormal jump. */
  jumpFactor: number;
}

export const SENSOR_DEFAULTS: SensorRule = {
  majorFactor: 1.2,
  criticalFactor: 1.5,
  clearRatio: 0.95,
  jumpFactor: 0.25,
};

export function validateSensorRule(rule: SensorRule): string[] {
  return [
    ...numberProblems({ majorFactor: rule.majorFactor, criticalFactor: rule.criticalFactor }, 'positive'),
    ...orderProblems({ threshold: 1, majorFactor: rule.majorFactor, criticalFactor: rule.criticalFactor }),
    ...ratioProblems('clearRatio', rule.clearRatio),
    ...numberProblems({ jumpFactor: rule.jumpFactor }, 'positive'),
  ];
}

export const DAM_SAFETY_NAMES: Partial<Record<SensorType, LocalizedText>> = {
  seepage_pressure: { zh: '渗压', en: 'seepage pressure' },
  seepage_flow: { zh: '渗流量', en: 'seepage flow' },
  displacement: { zh: '位移', en: 'displacement' },
};

export interface ThresholdSensor {
  code: string;
  type: SensorType;
  threshold: number | null;
}

/** The sensor's name and threshold, or null when it is not a dam-safety sensor with a usable threshold. */
function damSafety(sensor: ThresholdSensor): { name: LocalizedText; threshold: number } | null {
  const name = DAM_SAFETY_NAMES[sensor.type];
  if (!name || sensor.threshold === null || !(sensor.threshold > 0)) return null;
  return { name, threshold: sensor.threshold };
}

/**
 * Null when the sensor has no threshold rule. Displacement is signed by direction, so its magnitude is judged
 * (and reported as the value).
 */
export function evaluateSensorThreshold(rule: SensorRule, sensor: ThresholdSensor, value: number): Evaluation | null {
  const known = damSafety(sensor);
  if (!known) return null;
  const { name, threshold } = known;
  const thresholdName = { zh: '报警值', en: 'the alarm threshold' };
  return evaluateGrades(
    {
      ruleKey: `${sensor.type}:${sensor.code}`,
      subject: { zh: `${sensor.code} ${name.zh}`, en: `${sensor.code} ${name.en}` },
      unit: SENSOR_TYPES[sensor.type].unit,
      digits: 2,
      grades: [
        { severity: 'warning', threshold, name: thresholdName },
        { severity: 'major', threshold: threshold * rule.majorFactor, name: thresholdName },
        { severity: 'critical', threshold: threshold * rule.criticalFactor, name: thresholdName },
      ],
      inclusive: true,
      clearBelow: threshold * rule.clearRatio,
    },
    sensor.type === 'displacement' ? Math.abs(value) : value,
  );
}

/** An abnormal jump between consecutive readings, judged on |Δ|; null when the sensor has no threshold rule. */
export function evaluateJump(
  rule: SensorRule,
  sensor: ThresholdSensor,
  previous: number,
  current: number,
): Evaluation | null {
  const known = damSafety(sensor);
  if (!known) return null;
  const limit = known.threshold * rule.jumpFactor;
  return evaluateGrades(
    {
      ruleKey: `jump:${sensor.code}`,
      subject: { zh: `${sensor.code} ${known.name.zh}相邻测值变幅`, en: `${sensor.code} ${known.name.en} change` },
      unit: SENSOR_TYPES[sensor.type].unit,
      digits: 2,
      grades: [{ severity: 'warning', threshold: limit, name: { zh: '跳变限值', en: 'the jump limit' } }],
      inclusive: false,
      clearBelow: limit * rule.clearRatio,
    },
    Math.abs(current - previous),
  );
}
