import { compareSeverity, SEVERITY_DISPLAY, type Severity } from './severity.js';

export interface LocalizedText {
  zh: string;
  en: string;
}

/** The verdict of one rule on one value; the caller turns it into an alert with `decideTransition`. */
export interface Evaluation {
  /** Rule id, with the sensor code for per-sensor rules: 'water_level', 'seepage_pressure:SP2', 'jump:SP2'. */
  ruleKey: string;
  /** Severity reached, or null when no threshold is reached. */
  severity: Severity | null;
  /** Threshold of the severity reached, or of the lowest severity when none is. */
  threshold: number;
  value: number;
  /** The value is back beyond the rule's hysteresis band, so an open alert for this rule may auto-resolve. */
  clear: boolean;
  message: LocalizedText;
}

export interface Grade {
  severity: Severity;
  threshold: number;
  name: LocalizedText;
}

/** A rule whose severity rises with the value through a list of grades. */
export interface GradedRule {
  ruleKey: string;
  subject: LocalizedText;
  unit: string;
  /** Decimals shown in messages. */
  digits: number;
  grades: readonly Grade[];
  /** True: reaching a threshold counts (达到); false: the value must exceed it (超过). */
  inclusive: boolean;
  /** Below this value an open alert may resolve: the lowest threshold minus the rule's band. */
  clearBelow: number;
}

export function evaluateGrades(rule: GradedRule, value: number): Evaluation {
  const reached = (grade: Grade) => (rule.inclusive ? value >= grade.threshold : value > grade.threshold);
  // Pick by severity, not list order: derived thresholds (e.g. crest freeboard) may undercut a lower grade's.
  let hit: Grade | undefined;
  let lowest = rule.grades[0];
  for (const grade of rule.grades) {
    if (reached(grade) && (!hit || compareSeverity(grade.severity, hit.severity) > 0)) hit = grade;
    if (grade.threshold < lowest.threshold) lowest = grade;
  }
  const shown = hit ?? lowest;
  return {
    ruleKey: rule.ruleKey,
    severity: hit?.severity ?? null,
    threshold: shown.threshold,
    value,
    clear: !hit && value < rule.clearBelow,
    message: gradeMessage(rule, value, shown, hit !== undefined),
  };
}

function gradeMessage(rule: GradedRule, value: number, grade: Grade, hit: boolean): LocalizedText {
  const v = `${value.toFixed(rule.digits)} ${rule.unit}`;
  const t = `${grade.threshold.toFixed(rule.digits)} ${rule.unit}`;
  if (!hit) {
    const verb = rule.inclusive ? { zh: '未达到', en: 'below' } : { zh: '未超过', en: 'not above' };
    return {
      zh: `${rule.subject.zh} ${v}，${verb.zh}${grade.name.zh} ${t}`,
      en: `${rule.subject.en} ${v}, ${verb.en} ${grade.name.en} ${t}`,
    };
  }
  const verb = rule.inclusive ? { zh: '达到', en: 'reached' } : { zh: '超过', en: 'above' };
  const label = SEVERITY_DISPLAY[grade.severity];
  return {
    zh: `${rule.subject.zh} ${v}，${verb.zh}${grade.name.zh} ${t}（${label.zh}）`,
    en: `${rule.subject.en} ${v}, ${verb.en} ${grade.name.en} ${t} (${label.en})`,
  };
}
