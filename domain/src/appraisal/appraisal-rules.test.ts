import { describe, expect, it } from 'vitest';
import {
  defaultNextDue,
  firstAppraisalDue,
  isAppraisalOverdue,
  isDueThisYear,
  nextAppraisalDue,
  nextDueError,
  standardBudget,
  yearBounds,
} from './appraisal-rules.js';
import { addYears } from '../time/calendar.js';

describe('appraisal schedule', () => {
  it('adds years, keeping 29 February only in leap years', () => {
    expect(addYears('2020-02-29', 6)).toBe('2026-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
    expect(addYears('2026-11-23', 6)).toBe('2032-11-23');
  });

  it('puts the first appraisal within 5 years of completion and the next 6 years on by default', () => {
    expect(firstAppraisalDue(2019)).toBe('2024-12-31');
    expect(defaultNextDue('2026-03-10')).toBe('2032-03-10');
  });

  it('puts the next appraisal of a reinforced dam 5 years after acceptance, of a never-reinforced one 6 after the last', () => {
    const dam = { completionYear: 1972, lastAppraisal: '2019-05-20' };
    expect(nextAppraisalDue({ ...dam, reinforcementAcceptedOn: '2024-11-15' })).toBe('2029-11-15');
    expect(nextAppraisalDue({ ...dam, reinforcementAcceptedOn: null })).toBe('2025-05-20');
    // An acceptance before the last appraisal is history: that appraisal set the schedule.
    expect(nextAppraisalDue({ ...dam, reinforcementAcceptedOn: '2012-03-01' })).toBe('2025-05-20');
    expect(nextAppraisalDue({ completionYear: 2022, lastAppraisal: null })).toBe('2027-12-31');
  });

  it('accepts a chosen next-due date only after the appraisal and within 10 years', () => {
    expect(nextDueError('2026-03-10', '2036-03-10')).toBeNull();
    expect(nextDueError('2026-03-10', '2030-01-01')).toBeNull();
    expect(nextDueError('2026-03-10', '2036-03-11')).toMatch(/10 years/);
    expect(nextDueError('2026-03-10', '2026-03-10')).toMatch(/after/);
  });

  it('tells due this year and overdue apart (today 2026-11-23)', () => {
    const today = '2026-11-23';
    expect(isDueThisYear('2026-01-01', today)).toBe(true);
    expect(isDueThisYear('2026-12-31', today)).toBe(true);
    expect(isDueThisYear('2027-01-01', today)).toBe(false);
    expect(isDueThisYear('2025-12-31', today)).toBe(false);
    expect(isAppraisalOverdue('2026-11-22', today)).toBe(true);
    expect(isAppraisalOverdue('2026-11-23', today)).toBe(false);
    expect(isAppraisalOverdue('2019-06-30', today)).toBe(true);
    expect(yearBounds(today)).toEqual(['2026-01-01', '2026-12-31']);
  });

  it('uses the standard budgets for small reservoirs only', () => {
    expect(standardBudget('small1')).toBe('5000000.00');
    expect(standardBudget('small2')).toBe('1900000.00');
    expect(standardBudget('medium')).toBeNull();
  });
});
