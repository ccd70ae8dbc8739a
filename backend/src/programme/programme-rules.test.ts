import { describe, expect, it } from 'vitest';
import {
  isAtRisk,
  isOverdue,
  shanghaiToday,
  shareCheck,
  stageChangeError,
  stageStep,
  type ScheduleInput,
} from './programme-rules.js';

describe('stage order', () => {
  it('classifies steps', () => {
    expect(stageStep('tendering', 'construction')).toBe('next');
    expect(stageStep('tendering', 'tendering')).toBe('same');
    expect(stageStep('appraisal', 'approval')).toBe('skip');
    expect(stageStep('final_acceptance', 'construction')).toBe('backward');
  });

  it('lets the next stage through without a reason', () => {
    expect(stageChangeError('construction', 'completion_acceptance', undefined)).toBeNull();
    expect(stageChangeError('appraisal', 'preliminary_design', undefined)).toBeNull();
  });

  it('needs a reason to skip or go back, and refuses a blank one', () => {
    expect(stageChangeError('appraisal', 'tendering', undefined)).toMatch(/skips/);
    expect(stageChangeError('appraisal', 'tendering', '   ')).toMatch(/skips/);
    expect(stageChangeError('appraisal', 'tendering', '初设与审批合并')).toBeNull();
    expect(stageChangeError('completion_acceptance', 'construction', undefined)).toMatch(/back/);
    expect(stageChangeError('completion_acceptance', 'construction', '验收发现渗漏，返工')).toBeNull();
  });

  it('refuses a change to the same stage', () => {
    expect(stageChangeError('construction', 'construction', 'x')).toMatch(/already/);
  });
});

describe('policy share check', () => {
  it('accepts 70% central on a small reservoir and 80% on a medium one', () => {
    expect(shareCheck('small1', 350000000n, 500000000n)).toEqual({
      expectedCentralShare: '0.7000',
      actualCentralShare: '0.7000',
      ok: true,
    });
    expect(shareCheck('medium', 80000n, 100000n)).toEqual({
      expectedCentralShare: '0.8000',
      actualCentralShare: '0.8000',
      ok: true,
    });
  });

  it('tolerates half a percentage point, not more', () => {
    // 70.5% central: at the edge, ok
    expect(shareCheck('small2', 7050n, 10000n).ok).toBe(true);
    // 70.51%: out
    expect(shareCheck('small2', 7051n, 10000n).ok).toBe(false);
    expect(shareCheck('small2', 6949n, 10000n).ok).toBe(false);
    // a medium reservoir funded at the small share
    expect(shareCheck('medium', 70n, 100n)).toEqual({
      expectedCentralShare: '0.8000',
      actualCentralShare: '0.7000',
      ok: false,
    });
  });

  it('has nothing to check before any allocation', () => {
    expect(shareCheck('small1', 0n, 0n)).toEqual({
      expectedCentralShare: '0.7000',
      actualCentralShare: null,
      ok: true,
    });
  });
});

describe('schedule', () => {
  const p = (over: Partial<ScheduleInput>): ScheduleInput => ({
    stage: 'construction',
    plannedStart: '2025-01-01',
    plannedFinish: '2025-12-31',
    progressPercent: 50,
    ...over,
  });

  it('takes today in Asia/Shanghai', () => {
    expect(shanghaiToday(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(shanghaiToday(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });

  it('is overdue only after the planned finish day and before completion acceptance', () => {
    expect(isOverdue(p({}), '2025-12-31')).toBe(false); // the finish day itself is still on time
    expect(isOverdue(p({}), '2026-01-01')).toBe(true);
    expect(isOverdue(p({ stage: 'tendering', progressPercent: 0 }), '2026-01-01')).toBe(true);
    expect(isOverdue(p({ stage: 'completion_acceptance', progressPercent: 100 }), '2026-01-01')).toBe(false);
    expect(isOverdue(p({ stage: 'final_acceptance', progressPercent: 100 }), '2027-01-01')).toBe(false);
  });

  it('is at risk within 90 days of the finish when progress trails the elapsed time', () => {
    // 2025-01-01 → 2025-12-31 is 364 days. On 2025-10-02: 274 days elapsed, 90 days left, elapsed share 75.27%.
    expect(isAtRisk(p({ progressPercent: 75 }), '2025-10-02')).toBe(true); // 75 × 364 = 27300 < 27400
    expect(isAtRisk(p({ progressPercent: 76 }), '2025-10-02')).toBe(false); // 27664 ≥ 27400
    // 91 days left: outside the window even at 0%
    expect(isAtRisk(p({ progressPercent: 0 }), '2025-10-01')).toBe(false);
    // on the finish day: 364/364 elapsed, anything under 100% is at risk
    expect(isAtRisk(p({ progressPercent: 99 }), '2025-12-31')).toBe(true);
    expect(isAtRisk(p({ progressPercent: 100 }), '2025-12-31')).toBe(false);
  });

  it('is never at risk once overdue or done', () => {
    expect(isAtRisk(p({ progressPercent: 10 }), '2026-01-01')).toBe(false);
    expect(isAtRisk(p({ stage: 'completion_acceptance', progressPercent: 100 }), '2025-12-01')).toBe(false);
  });
});
