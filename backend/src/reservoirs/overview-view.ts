// The overview's figures from one snapshot of the whole registry: filter, sort and page the list, sum each area.
// Pure: the snapshot is read from the database elsewhere.
import { compareSeverity, type Severity } from '@yz/domain';
import type { ReservoirState } from './reservoir-state.js';
import type { OverviewSort } from './dto/overview.dto.js';

export interface Rain {
  h1: number | null;
  h3: number | null;
  h6: number | null;
  h24: number | null;
}

export interface OverviewItem {
  code: string;
  name: string;
  county: string;
  scale: string;
  state: ReservoirState;
  time: string | null;
  level: number | null;
  limit: number;
  delta: number | null;
  rain: Rain;
  alerts: number;
  severity: Severity | null;
}

export interface AreaSummary {
  code: string;
  name: string;
  reservoirs: number;
  normal: number;
  aboveFloodLimit: number;
  offline: number;
  alerts: number;
  rain24Mean: number | null;
  rain24Max: number | null;
  rain1Max: number | null;
}

export interface Filter {
  /** Whether an area is in view (the caller's scope, narrowed to the area asked for). */
  inArea(county: string): boolean;
  state?: ReservoirState;
  q?: string;
}

const STATE_ORDER: Record<ReservoirState, number> = { above_flood_limit: 2, offline: 1, normal: 0 };

const SORT_KEYS: Record<OverviewSort, (i: OverviewItem) => number | string | null> = {
  code: (i) => i.code,
  name: (i) => i.name,
  county: (i) => i.county,
  level: (i) => i.level,
  delta: (i) => i.delta,
  rain1: (i) => i.rain.h1,
  rain3: (i) => i.rain.h3,
  rain6: (i) => i.rain.h6,
  rain24: (i) => i.rain.h24,
  state: (i) => STATE_ORDER[i.state],
  alerts: (i) => i.alerts,
};

/** Items matching the filter (area, state, part of the code or name). */
export function filterItems(items: readonly OverviewItem[], f: Filter): OverviewItem[] {
  const q = f.q?.trim().toLowerCase();
  return items.filter(
    (i) =>
      f.inArea(i.county) &&
      (!f.state || i.state === f.state) &&
      (!q || i.code.includes(q) || i.name.toLowerCase().includes(q)),
  );
}

/** Sorted by one key (then by code, so pages are stable); reservoirs without a value come last either way. */
export function sortItems(items: OverviewItem[], sort: OverviewSort, order: 'asc' | 'desc'): OverviewItem[] {
  const key = SORT_KEYS[sort];
  const sign = order === 'asc' ? 1 : -1;
  const collator = new Intl.Collator('zh-CN');
  return items.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1;
    const c = typeof x === 'string' ? collator.compare(x, y as string) : x - (y as number);
    return c !== 0 ? sign * c : a.code.localeCompare(b.code);
  });
}

/** Counts by state, alerts and rain of the items, as one area's summary. */
export function summarise(code: string, name: string, items: readonly OverviewItem[]): AreaSummary {
  const s: AreaSummary = {
    code,
    name,
    reservoirs: items.length,
    normal: 0,
    aboveFloodLimit: 0,
    offline: 0,
    alerts: 0,
    rain24Mean: null,
    rain24Max: null,
    rain1Max: null,
  };
  let rainSum = 0;
  let gauges = 0;
  for (const i of items) {
    if (i.state === 'normal') s.normal++;
    else if (i.state === 'above_flood_limit') s.aboveFloodLimit++;
    else s.offline++;
    s.alerts += i.alerts;
    if (i.rain.h24 !== null) {
      rainSum += i.rain.h24;
      gauges++;
      s.rain24Max = Math.max(s.rain24Max ?? 0, i.rain.h24);
    }
    if (i.rain.h1 !== null) s.rain1Max = Math.max(s.rain1Max ?? 0, i.rain.h1);
  }
  if (gauges) s.rain24Mean = Math.round((rainSum / gauges) * 10) / 10;
  return s;
}

/** The reservoir with the most rain over the window; null when none had any. */
export function wettest(items: readonly OverviewItem[], window: 'h1' | 'h24') {
  let best: OverviewItem | null = null;
  for (const i of items) if ((i.rain[window] ?? 0) > (best?.rain[window] ?? 0)) best = i;
  return best && { code: best.code, name: best.name, mm: best.rain[window]! };
}

/** The worst of a reservoir's unresolved alerts. */
export function worstSeverity(severities: readonly Severity[]): Severity | null {
  return severities.length ? [...severities].sort(compareSeverity).at(-1)! : null;
}
