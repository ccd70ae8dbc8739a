import { describe, expect, it } from 'vitest';
import type { Alert, Severity } from '../api/types';
import { countBySeverity, groupAlerts, handover, titlePrefix } from './grouping';

let id = 0;
const alert = (code: string, severity: Severity, openedAt: string, more: Partial<Alert> = {}): Alert => ({
  id: String(++id),
  reservoirCode: code,
  reservoirName: `R${code}`,
  county: '431125',
  ruleKey: `rule${id}`,
  type: 'water_level',
  severity,
  state: 'open',
  openedAt,
  updatedAt: openedAt,
  value: 1,
  threshold: 1,
  message: { zh: '', en: '' },
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  resolvedBy: null,
  note: null,
  drill: false,
  ...more,
});

describe('duty desk order', () => {
  it('groups by reservoir and puts the worst group first, then the newest', () => {
    const alerts = [
      alert('A', 'warning', '2026-07-01T10:00:00Z'),
      alert('B', 'info', '2026-07-01T11:00:00Z'),
      alert('A', 'info', '2026-07-01T12:00:00Z'),
      alert('C', 'major', '2026-07-01T09:00:00Z'),
      alert('D', 'warning', '2026-07-01T10:30:00Z'),
    ];
    const groups = groupAlerts(alerts);
    expect(groups.map((g) => g.reservoirCode)).toEqual(['C', 'A', 'D', 'B']);
    const a = groups.find((g) => g.reservoirCode === 'A')!;
    expect(a.worst).toBe('warning');
    expect(a.alerts.map((x) => x.severity)).toEqual(['warning', 'info']);
    expect(a.latest).toBe('2026-07-01T12:00:00Z');
  });

  it('counts per severity and titles only red and orange', () => {
    const c = countBySeverity([
      alert('A', 'critical', '2026-07-01T10:00:00Z'),
      alert('B', 'major', '2026-07-01T10:00:00Z'),
      alert('C', 'major', '2026-07-01T10:00:00Z'),
      alert('D', 'info', '2026-07-01T10:00:00Z'),
    ]);
    expect(c).toEqual({ critical: 1, major: 2, warning: 0, info: 1 });
    expect(titlePrefix(c, { critical: '红', major: '橙' })).toBe('(1红 2橙) ');
    expect(titlePrefix({ critical: 0, major: 0, warning: 3, info: 0 }, { critical: '红', major: '橙' })).toBe('');
  });

  it('hands over what opened, what was done and what is still open since a time', () => {
    const since = '2026-07-01T08:00:00Z';
    const old = alert('A', 'major', '2026-07-01T06:00:00Z');
    const fresh = alert('B', 'warning', '2026-07-01T09:00:00Z');
    const handled = alert('C', 'info', '2026-07-01T07:00:00Z', {
      state: 'resolved',
      resolvedAt: '2026-07-01T09:30:00Z',
    });
    const h = handover([old, fresh, handled], since);
    expect(h.opened).toEqual([fresh]);
    expect(h.done).toEqual([handled]);
    expect(h.stillOpen).toEqual([old, fresh]);
  });
});
