import { describe, expect, it } from 'vitest';
import {
  constructionStandardFen,
  expectedCentralShareBp,
  reinforcementStandardFen,
  shareCheck,
} from './funding-policy.js';

describe('locally funded reinforcement', () => {
  it('expects no central share of a project opened from a post-2020 appraisal outside the national plan', () => {
    expect(
      expectedCentralShareBp('small2', 'reinforcement', { inNationalPlan: false, appraisedOn: '2022-06-30' }),
    ).toBe(0);
    expect(
      shareCheck('small2', 0n, 100_000n, 'reinforcement', { inNationalPlan: false, appraisedOn: '2022-06-30' }),
    ).toMatchObject({ expectedCentralShare: '0.0000', ok: true });
  });

  it('keeps the 70/30 split in the national plan, or when the appraisal was in 2020 or before', () => {
    expect(expectedCentralShareBp('small2', 'reinforcement', { inNationalPlan: true, appraisedOn: '2022-06-30' })).toBe(
      7000,
    );
    expect(
      expectedCentralShareBp('small2', 'reinforcement', { inNationalPlan: false, appraisedOn: '2020-12-31' }),
    ).toBe(7000);
    expect(expectedCentralShareBp('medium', 'reinforcement', { inNationalPlan: false, appraisedOn: null })).toBe(8000);
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

describe('funding standards', () => {
  it("funds small reservoirs' reinforcement by the standard and a medium one by its estimate", () => {
    expect(reinforcementStandardFen('small1')).toBe(500_000_000n);
    expect(reinforcementStandardFen('small2')).toBe(190_000_000n);
    expect(reinforcementStandardFen('medium')).toBeNull();
  });

  it('funds by the standard from provincial bonds (no central share)', () => {
    expect(constructionStandardFen('telemetry', 'small1')).toBe(8_000_000n);
    expect(constructionStandardFen('telemetry', 'small2')).toBe(6_000_000n);
    expect(constructionStandardFen('telemetry', 'medium')).toBeNull();
    expect(constructionStandardFen('dam_monitoring', 'small2')).toBe(30_000_000n);
    expect(expectedCentralShareBp('small1', 'telemetry')).toBe(0);
    expect(expectedCentralShareBp('small1')).toBe(7000);
    expect(shareCheck('small2', 0n, 6_000_000n, 'telemetry')).toEqual({
      expectedCentralShare: '0.0000',
      actualCentralShare: '0.0000',
      ok: true,
    });
    expect(shareCheck('small2', 4_200_000n, 6_000_000n, 'telemetry').ok).toBe(false);
  });
});
