// The duty desk's order: the worst first. Alerts are grouped by reservoir (its rain, level and rise-rate alerts
// together); groups sort by their worst severity, then by their newest alert; alerts within a group the same way.

import type { Alert, Severity } from '../api/types';
import { SEVERITIES, SEV_RANK } from '../state';

export interface AlertGroup {
  reservoirCode: string;
  reservoirName: string;
  county: string;
  worst: Severity;
  latest: string;
  alerts: Alert[];
}

const bySeverityThenTime = (a: Alert, b: Alert): number =>
  SEV_RANK[b.severity] - SEV_RANK[a.severity] || b.openedAt.localeCompare(a.openedAt);

export function groupAlerts(alerts: Iterable<Alert>): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const a of alerts) {
    const g = groups.get(a.reservoirCode);
    if (!g) {
      groups.set(a.reservoirCode, {
        reservoirCode: a.reservoirCode,
        reservoirName: a.reservoirName,
        county: a.county,
        worst: a.severity,
        latest: a.openedAt,
        alerts: [a],
      });
      continue;
    }
    g.alerts.push(a);
    if (SEV_RANK[a.severity] > SEV_RANK[g.worst]) g.worst = a.severity;
    if (a.openedAt > g.latest) g.latest = a.openedAt;
  }
  const list = [...groups.values()];
  for (const g of list) g.alerts.sort(bySeverityThenTime);
  return list.sort(
    (a, b) =>
      SEV_RANK[b.worst] - SEV_RANK[a.worst] ||
      b.latest.localeCompare(a.latest) ||
      a.reservoirCode.localeCompare(b.reservoirCode),
  );
}

export function countBySeverity(alerts: Iterable<Alert>): Record<Severity, number> {
  const c: Record<Severity, number> = { critical: 0, major: 0, warning: 0, info: 0 };
  for (const a of alerts) c[a.severity] += 1;
  return c;
}

/** "(2红 5橙) " for the tab title: only red and orange, the ones that need someone now. */
export function titlePrefix(c: Record<Severity, number>, words: Record<'critical' | 'major', string>): string {
  const parts = SEVERITIES.filter((s) => (s === 'critical' || s === 'major') && c[s] > 0).map(
    (s) => `${c[s]}${words[s as 'critical' | 'major']}`,
  );
  return parts.length ? `(${parts.join(' ')}) ` : '';
}

/** The hand-over between shifts: what opened, what was done, and what is still open since a given time. */
export function handover(alerts: Iterable<Alert>, since: string) {
  const opened: Alert[] = [];
  const done: Alert[] = [];
  const stillOpen: Alert[] = [];
  for (const a of alerts) {
    if (a.openedAt >= since) opened.push(a);
    const doneAt = a.resolvedAt ?? a.acknowledgedAt;
    if (doneAt && doneAt >= since) done.push(a);
    if (a.state !== 'resolved') stillOpen.push(a);
  }
  return {
    opened: opened.sort(bySeverityThenTime),
    done: done.sort(bySeverityThenTime),
    stillOpen: stillOpen.sort(bySeverityThenTime),
  };
}
