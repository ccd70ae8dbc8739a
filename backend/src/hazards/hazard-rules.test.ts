import { describe, expect, it } from 'vitest';
import { closingError, hazardDatesError, isHazardOverdue } from './hazard-rules.js';

describe('hazard ledger rules', () => {
  const today = '2026-11-23';

  it('is overdue only when not closed and the deadline is before today', () => {
    expect(isHazardOverdue({ status: 'open', rectificationDeadline: '2026-11-22' }, today)).toBe(true);
    expect(isHazardOverdue({ status: 'rectifying', rectificationDeadline: '2026-01-01' }, today)).toBe(true);
    expect(isHazardOverdue({ status: 'open', rectificationDeadline: '2026-11-23' }, today)).toBe(false);
    expect(isHazardOverdue({ status: 'open', rectificationDeadline: '2026-11-24' }, today)).toBe(false);
    expect(isHazardOverdue({ status: 'closed', rectificationDeadline: '2026-11-22' }, today)).toBe(false);
  });

  it('checks the dates of a hazard', () => {
    expect(hazardDatesError({ foundOn: '2026-11-01', rectificationDeadline: '2026-12-01' }, today)).toBeNull();
    expect(hazardDatesError({ foundOn: '2026-11-24', rectificationDeadline: '2026-12-01' }, today)).toMatch(/future/);
    expect(hazardDatesError({ foundOn: '2026-11-01', rectificationDeadline: '2026-10-31' }, today)).toMatch(/before/);
  });

  it('closes only with evidence', () => {
    expect(closingError('https://example.org/photo.jpg', today, '2026-11-01')).toBeNull();
    expect(closingError('  ', today, '2026-11-01')).toMatch(/evidence/);
    expect(closingError(undefined, today, '2026-11-01')).toMatch(/evidence/);
  });
});
