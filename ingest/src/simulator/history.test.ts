import { describe, expect, it } from 'vitest';
import { fitHst, hstInputs, HST_JUDGE_START, judgeDay, type DailyValue } from '@yz/domain';
import { MONITORED } from '@yz/domain/testing';
import { dailyHistory } from './history.js';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-06-01T00:00:00Z');
/** The planted step (431102-0015 SP1, 3 kPa from 7 days before the start) on the fixture's dam. */
const STEPPED = { ...MONITORED, code: '431102-0015' };

function history(reservoir: typeof MONITORED) {
  const ids = new Map([[reservoir.code, new Map(reservoir.sensors.map((s, i) => [s.code, i]))]]);
  const [rows] = [...dailyHistory([reservoir], ids, { seed: 20210501, startMs: START, days: 730 })];
  const series = (code: string): DailyValue[] => {
    const id = reservoir.sensors.findIndex((s) => s.code === code);
    return rows.sensor.flatMap((s, i) =>
      s === id
        ? [{ day: new Date(rows.time[i].getTime() + 8 * 3_600_000).toISOString().slice(0, 10), value: rows.value[i] }]
        : [],
    );
  };
  return { rows, series };
}

/** Severities of the last days, judged by a model fitted on all the days (as the nightly refit would). */
function lastVerdicts(reservoir: typeof MONITORED, sensor: string, days: number) {
  const { series } = history(reservoir);
  const base = Math.min(...reservoir.stageStorage.map(([level]) => level));
  const inputs = hstInputs(base, series('WL1'));
  const values = series(sensor);
  const fit = fitHst(inputs, values, new Date(START).toISOString());
  if (!fit.ok) throw new Error(fit.message);
  let state = HST_JUDGE_START;
  return values
    .slice(-days - 3)
    .map((v) => {
      const judged = judgeDay(
        fit.model,
        inputs,
        { code: sensor, name: { zh: '渗压', en: 'seepage pressure' }, unit: 'kPa' },
        state,
        v,
      );
      state = judged.state;
      return judged.verdict;
    })
    .slice(3);
}

describe('two years of daily dam-safety history from the simulator', () => {
  it('holds one daily value per sensor and day, ending the day before the start', () => {
    const { rows } = history(MONITORED);
    expect(rows.sensor.length).toBe(MONITORED.sensors.length * 730);
    expect(rows.value.every(Number.isFinite)).toBe(true);
    expect(Math.max(...rows.time.map((t) => t.getTime()))).toBeLessThan(START);
    expect(Math.min(...rows.time.map((t) => t.getTime()))).toBeGreaterThanOrEqual(START - 731 * DAY_MS);
  });

  it('plants a step that the model finds and the fixed threshold misses', () => {
    const sp1 = MONITORED.sensors.find((s) => s.code === 'SP1')!;
    const stepped = lastVerdicts(STEPPED, 'SP1', 7);
    expect(
      stepped.every((v) => v.severity === 'major'),
      stepped.map((v) => v.message.en).join('\n'),
    ).toBe(true);
    expect(Math.max(...stepped.map((v) => v.measured))).toBeLessThan(sp1.threshold!);
    const calm = lastVerdicts(MONITORED, 'SP1', 7);
    expect(
      calm.every((v) => v.severity === null),
      calm.map((v) => v.message.en).join('\n'),
    ).toBe(true);
  });
});
