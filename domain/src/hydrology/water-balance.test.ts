import { describe, expect, it } from 'vitest';
import { levelToStorage } from './stage-storage.js';
import { FIXTURES, GATED, UNGATED } from '../testing/fixtures.js';
import {
  initialWaterBalance,
  stepWaterBalance,
  waterBalanceParams,
  type WaterBalanceState,
  type WaterBalanceStep,
} from './water-balance.js';

const params = waterBalanceParams(UNGATED);

/** Runs minute steps with rain (mm/h) given per simulated hour; returns every step. */
function run(start: WaterBalanceState, hourlyRain: readonly number[], p = params): WaterBalanceStep[] {
  const steps: WaterBalanceStep[] = [];
  let state = start;
  for (const mmPerHour of hourlyRain) {
    for (let minute = 0; minute < 60; minute++) {
      const step = stepWaterBalance(p, state, 60, mmPerHour / 60);
      steps.push(step);
      state = step.state;
    }
  }
  return steps;
}

const storm = (hours: number, peak: number): number[] =>
  Array.from({ length: hours }, (_, h) => peak * Math.sin((Math.PI * (h + 0.5)) / hours));
const dry = (hours: number): number[] => Array<number>(hours).fill(0);

describe('water balance', () => {
  it('conserves mass: Δstorage = inflow − spill − release', () => {
    const start = initialWaterBalance(params, 317.5, 0.4);
    const steps = run(start, [...storm(4, 60), ...dry(68)]);
    const sum = (pick: (s: WaterBalanceStep) => number) => steps.reduce((total, s) => total + pick(s), 0);
    const end = steps.at(-1)!.state;
    expect(sum((s) => s.spill)).toBeGreaterThan(0);
    expect(end.storage - start.storage).toBeCloseTo(
      sum((s) => s.inflow) - sum((s) => s.spill) - sum((s) => s.release),
      9,
    );
  });

  it('rises after rain and recedes after: fast by spilling, then slowly below the crest', () => {
    const start = initialWaterBalance(params, 317, 0.4);
    const levels = run(start, [...storm(3, 60), ...dry(45)]).map((s) => s.state.level);
    const peak = Math.max(...levels);
    const peakIndex = levels.indexOf(peak);
    expect(peak).toBeGreaterThan(UNGATED.levels.normalLevel + 0.3);
    expect(peakIndex).toBeGreaterThan(60); // the catchment delays the peak past the first hour
    expect(levels.at(-1)!).toBeLessThan(UNGATED.levels.normalLevel);
    expect(levels.at(-1)!).toBeGreaterThan(UNGATED.levels.normalLevel - 0.3);
    for (let i = peakIndex + 1; i < levels.length; i++) expect(levels[i]!).toBeLessThanOrEqual(levels[i - 1]!);
  });

  it('spills only above the spillway crest: normal pool when ungated, flood-limit level when gated', () => {
    for (const reservoir of [UNGATED, GATED]) {
      const p = waterBalanceParams(reservoir);
      const crest = reservoir.gatedSpillway ? reservoir.levels.floodLimitLevel : reservoir.levels.normalLevel;
      expect(p.spillLevel).toBe(crest);
      let state = initialWaterBalance(p, crest - 0.5, 0.5);
      for (const step of run(state, [...storm(3, 50), ...dry(21)], p)) {
        if (state.level <= crest) expect(step.spill).toBe(0);
        else expect(step.spill).toBeGreaterThan(0);
        state = step.state;
      }
    }
  });

  it('stays above the lowest curve point in a long drought', () => {
    for (const reservoir of FIXTURES) {
      const p = waterBalanceParams(reservoir);
      const bed = reservoir.stageStorage[0]![0];
      let state = initialWaterBalance(p, reservoir.levels.normalLevel, 0.1);
      for (let day = 0; day < 400; day++) state = stepWaterBalance(p, state, 86_400, 0).state;
      expect(state.level).toBeGreaterThanOrEqual(bed);
      expect(state.level).toBeGreaterThanOrEqual(reservoir.levels.deadLevel);
      expect(state.level).toBeLessThan(reservoir.levels.deadLevel + 1);
    }
  });

  it('stays below the crest in a 100 mm/h storm on a full, saturated reservoir', () => {
    const start = initialWaterBalance(params, UNGATED.levels.normalLevel, 1);
    const levels = run(start, [...storm(4, 100), ...dry(20)]).map((s) => s.state.level);
    expect(Math.max(...levels)).toBeGreaterThan(UNGATED.levels.designFloodLevel - 1);
    expect(Math.max(...levels)).toBeLessThan(UNGATED.levels.crestElevation);
  });

  it('makes more runoff from a wet catchment than a dry one', () => {
    const gain = (wetness: number) => {
      const start = initialWaterBalance(params, 310, wetness);
      return run(start, [...storm(2, 20), ...dry(22)]).at(-1)!.state.storage - start.storage;
    };
    expect(gain(0.9)).toBeGreaterThan(gain(0) * 1.5);
  });

  it('starts from the storage of the given level', () => {
    const state = initialWaterBalance(params, 312.3, 0.3);
    expect(state.storage).toBe(levelToStorage(params.curve, 312.3));
    expect(state.level).toBeCloseTo(312.3, 9);
  });
});
