import { describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION, dueLevel } from './escalation.js';

const since = new Date('2026-07-01T00:00:00Z');
const at = (minutes: number) => new Date(since.getTime() + minutes * 60_000);

describe('dueLevel', () => {
  it('escalates a warning after 60 minutes unacknowledged, major and critical after 15', () => {
    expect(dueLevel({ severity: 'warning', state: 'open', since }, at(59))).toBe(0);
    expect(dueLevel({ severity: 'warning', state: 'open', since }, at(60))).toBe(1);
    expect(dueLevel({ severity: 'major', state: 'open', since }, at(14))).toBe(0);
    expect(dueLevel({ severity: 'major', state: 'open', since }, at(15))).toBe(1);
    expect(dueLevel({ severity: 'critical', state: 'open', since }, at(30))).toBe(2);
  });

  it('stops at the highest level', () => {
    expect(dueLevel({ severity: 'major', state: 'open', since }, at(24 * 60))).toBe(DEFAULT_ESCALATION.maxLevel);
  });

  it('never escalates acknowledged, resolved or info alerts', () => {
    expect(dueLevel({ severity: 'critical', state: 'acknowledged', since }, at(600))).toBe(0);
    expect(dueLevel({ severity: 'critical', state: 'resolved', since }, at(600))).toBe(0);
    expect(dueLevel({ severity: 'info', state: 'open', since }, at(600))).toBe(0);
  });

  it('takes the timeouts as configured', () => {
    const options = { maxLevel: 3, ackTimeoutMs: { warning: 1000, major: 1000, critical: 1000 } };
    expect(dueLevel({ severity: 'warning', state: 'open', since }, new Date(since.getTime() + 2500), options)).toBe(2);
  });
});
