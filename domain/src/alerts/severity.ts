/** Alert severities, lowest first, matching China's four warning colours (蓝/黄/橙/红色预警). */
export const SEVERITIES = ['info', 'warning', 'major', 'critical'] as const;

export type Severity = (typeof SEVERITIES)[number];

/** Negative when `a` is less severe than `b`, zero when equal, positive when more severe. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}

export interface SeverityDisplay {
  colour: 'blue' | 'yellow' | 'orange' | 'red';
  hex: string;
  zh: string;
  en: string;
}

export const SEVERITY_DISPLAY: Readonly<Record<Severity, SeverityDisplay>> = {
  info: { colour: 'blue', hex: '#1677ff', zh: '蓝色预警', en: 'Blue alert' },
  warning: { colour: 'yellow', hex: '#fadb14', zh: '黄色预警', en: 'Yellow alert' },
  major: { colour: 'orange', hex: '#fa8c16', zh: '橙色预警', en: 'Orange alert' },
  critical: { colour: 'red', hex: '#f5222d', zh: '红色预警', en: 'Red alert' },
};
