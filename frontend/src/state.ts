// Derived reservoir state shared by views: flood season, applicable limit, display category.

import type { Alert, Reservoir, Severity } from './types';

const SEV_RANK: Record<Severity, number> = { info: 1, warning: 2, major: 3, critical: 4 };

/** Hunan flood season: 1 April – 30 September, Asia/Shanghai. */
export function isFloodSeason(now = new Date()): boolean {
  const month = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', month: 'numeric' }).format(now));
  return month >= 4 && month <= 9;
}

/** The level the water is compared with: flood-limit in the flood season, else normal pool. */
export function limitOf(r: Reservoir): number {
  return isFloodSeason() ? r.levels.floodLimitLevel : r.levels.normalLevel;
}

/** Highest severity among open alerts, keyed by reservoir code. */
export function severityByReservoir(alerts: Alert[]): Map<string, Severity> {
  const m = new Map<string, Severity>();
  for (const a of alerts) {
    if (a.state !== 'open') continue;
    const cur = m.get(a.reservoirCode);
    if (!cur || SEV_RANK[a.severity] > SEV_RANK[cur]) m.set(a.reservoirCode, a.severity);
  }
  return m;
}

export type Category = 'normal' | 'above_flood_limit' | 'offline' | Severity;
export const CATEGORIES: Category[] = [
  'normal',
  'offline',
  'above_flood_limit',
  'info',
  'warning',
  'major',
  'critical',
];

/** What the map and table show: an open alert wins over the telemetry state. */
export function categoryOf(r: Reservoir, severities: Map<string, Severity>): Category {
  return severities.get(r.code) ?? r.alertSeverity ?? r.state;
}

/** Label key for a category. */
export const categoryLabel = (c: Category): string => (c in SEV_RANK ? `sev.${c}` : `state.${c}`);

export const CATEGORY_STYLE: Record<Category, { color: string; symbol: string; size: number }> = {
  normal: { color: '#2f9e6b', symbol: 'circle', size: 6 },
  offline: {
    color: '#9aa3ad',
    symbol: 'path://M0,20L20,0L50,30L80,0L100,20L70,50L100,80L80,100L50,70L20,100L0,80L30,50Z',
    size: 7,
  },
  above_flood_limit: { color: '#7b3fc4', symbol: 'triangle', size: 11 },
  info: { color: '#1e6fd9', symbol: 'roundRect', size: 11 },
  warning: { color: '#e6b800', symbol: 'diamond', size: 13 },
  major: { color: '#f07c00', symbol: 'path://M25,0L75,0L100,50L75,100L25,100L0,50Z', size: 14 },
  critical: {
    color: '#d9252a',
    symbol: 'path://M50,0L61,35L98,35L68,57L79,91L50,70L21,91L32,57L2,35L39,35Z',
    size: 18,
  },
};
