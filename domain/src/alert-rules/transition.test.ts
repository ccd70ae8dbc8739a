import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../alerts/evaluation.js';
import type { Severity } from '../alerts/severity.js';
import { decideTransition, type Transition } from '../alerts/transition.js';
import { evaluateWaterLevel, type WaterLevelRule } from './water-level.js';

const rule: WaterLevelRule = {
  floodSeasonWarning: 310,
  offSeasonWarning: 310.5,
  major: 311.8,
  critical: 312.4,
  crestElevation: 313,
  crestFreeboard: 0.5,
  band: 0.1,
};
const july = new Date('2026-07-01T08:00:00+08:00');

/** Feeds evaluations through decideTransition as the ingest service would, tracking the open alert. */
function replay(evaluations: Pick<Evaluation, 'severity' | 'clear'>[]): Transition['action'][] {
  let open: Severity | null = null;
  return evaluations.map((evaluation) => {
    const transition = decideTransition(open, evaluation);
    if (transition.action === 'open' || transition.action === 'escalate') open = transition.severity;
    if (transition.action === 'resolve') open = null;
    return transition.action;
  });
}

const levels = (values: number[]) => replay(values.map((value) => evaluateWaterLevel(rule, value, july)));

describe('decideTransition', () => {
  it('opens, escalates, keeps and resolves', () => {
    expect(decideTransition(null, { severity: null, clear: true })).toEqual({ action: 'none' });
    expect(decideTransition(null, { severity: null, clear: false })).toEqual({ action: 'none' });
    expect(decideTransition(null, { severity: 'warning', clear: false })).toEqual({
      action: 'open',
      severity: 'warning',
    });
    expect(decideTransition('warning', { severity: 'major', clear: false })).toEqual({
      action: 'escalate',
      severity: 'major',
    });
    expect(decideTransition('major', { severity: 'major', clear: false })).toEqual({ action: 'keep' });
    expect(decideTransition('major', { severity: 'warning', clear: false })).toEqual({ action: 'keep' });
    expect(decideTransition('major', { severity: null, clear: false })).toEqual({ action: 'keep' });
    expect(decideTransition('major', { severity: null, clear: true })).toEqual({ action: 'resolve' });
  });

  it('does not flap on ±0.05 m of noise around the flood-limit level', () => {
    const noisy = [309.96, 310.04, 309.95, 310.05, 309.97, 310.03, 309.95, 310.02, 309.96];
    expect(levels(noisy)).toEqual(['none', 'open', 'keep', 'keep', 'keep', 'keep', 'keep', 'keep', 'keep']);
    expect(levels([...noisy, 309.85, 309.95, 309.98])).toEqual([...levels(noisy), 'resolve', 'none', 'none']);
  });

  it('escalates only upward and reports a severity only when it is higher', () => {
    expect(levels([310.2, 311.9, 310.2, 312.5, 311.9, 310.2, 309.8])).toEqual([
      'open',
      'escalate',
      'keep',
      'escalate',
      'keep',
      'keep',
      'resolve',
    ]);
    expect(decideTransition('critical', evaluateWaterLevel(rule, 311.9, july))).toEqual({ action: 'keep' });
  });

  it('resolves an in-season alert when the season ends below the normal pool', () => {
    const october = new Date('2026-10-01T00:00:00+08:00');
    expect(decideTransition('warning', evaluateWaterLevel(rule, 310.3, october))).toEqual({ action: 'resolve' });
    expect(decideTransition('warning', evaluateWaterLevel(rule, 310.45, october))).toEqual({ action: 'keep' });
  });
});
