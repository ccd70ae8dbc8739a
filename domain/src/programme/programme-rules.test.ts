import { describe, expect, it } from 'vitest';
import {
  CONSTRUCTION_STAGES,
  isAtRisk,
  isOverdue,
  stageChangeError,
  stagesOf,
  stageStep,
  type ScheduleInput,
} from './programme-rules.js';
import { beijingDate } from '../time/beijing-time.js';

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

describe('schedule', () => {
  const p = (over: Partial<ScheduleInput>): ScheduleInput => ({
    stage: 'construction',
    plannedStart: '2025-01-01',
    plannedFinish: '2025-12-31',
    progressPercent: 50,
    ...over,
  });

  it('takes today in Asia/Shanghai', () => {
    expect(beijingDate(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(beijingDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
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

describe('telemetry and dam-monitoring construction', () => {
  it('has its own stage order; a reinforcement stage is refused', () => {
    expect(stageStep('design', 'procurement', 'telemetry')).toBe('next');
    expect(stageChangeError('commissioning', 'acceptance', undefined, 'dam_monitoring')).toBeNull();
    expect(stageChangeError('design', 'installation', undefined, 'telemetry')).toMatch(/skips a stage/);
    expect(stageChangeError('design', 'construction', 'x', 'telemetry')).toMatch(/not a stage of a telemetry project/);
    expect(stageChangeError('tendering', 'acceptance', 'x')).toMatch(/not a stage of a reinforcement project/);
    expect(stagesOf('dam_monitoring')).toEqual(CONSTRUCTION_STAGES);
    expect(
      isOverdue(
        { stage: 'acceptance', plannedStart: '2022-03-01', plannedFinish: '2022-12-31', progressPercent: 100 },
        '2026-03-31',
      ),
    ).toBe(false);
  });
});
