// Derived reservoir state shared by views: flood season, the level the water is held against, display category.

import type { Alert, Reservoir, Severity } from './api/types';

export const SEVERITIES: Severity[] = ['critical', 'major', 'warning', 'info'];
export const SEV_RANK: Record<Severity, number> = { info: 1, warning: 2, major: 3, critical: 4 };

/** Hunan flood season: 1 April – 30 September, Asia/Shanghai. */
export function isFloodSeason(now = new Date()): boolean {
  const month = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', month: 'numeric' }).format(now));
  return month >= 4 && month <= 9;
}

/** The level the water is compared with: flood-limit in the flood season, else the normal pool. */
export function limitOf(r: Pick<Reservoir, 'levels'>, floodSeason: boolean): number {
  return floodSeason ? r.levels.floodLimitLevel : r.levels.normalLevel;
}

/** Label keys for "distance to the limit" and "above the limit", by season (no 汛限 wording in November). */
export const limitWords = (floodSeason: boolean) =>
  floodSeason
    ? { delta: 'vsFloodLimit', above: 'state.above_flood_limit', limit: 'floodLimitLevel' }
    : { delta: 'vsNormalPool', above: 'state.above_normal', limit: 'normalLevel' };

/** Highest severity among open and acknowledged alerts, keyed by reservoir code. */
export function severityByReservoir(alerts: Iterable<Alert>): Map<string, Severity> {
  const m = new Map<string, Severity>();
  for (const a of alerts) {
    if (a.state === 'resolved') continue;
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

/** What the map and table show: an active alert wins over the telemetry state. */
export function categoryOf(r: Pick<Reservoir, 'code' | 'state'>, severities: Map<string, Severity>): Category {
  return severities.get(r.code) ?? r.state;
}

/** Label key for a category (seasonal wording for the limit). */
export const categoryLabel = (c: Category, floodSeason: boolean): string =>
  c in SEV_RANK ? `sev.${c}` : c === 'above_flood_limit' ? limitWords(floodSeason).above : `state.${c}`;

export const CATEGORY_COLOR: Record<Category, string> = {
  normal: '#2f9e6b',
  offline: '#9aa3ad',
  above_flood_limit: '#7b3fc4',
  info: '#1e6fd9',
  warning: '#e6b800',
  major: '#f07c00',
  critical: '#d9252a',
};
