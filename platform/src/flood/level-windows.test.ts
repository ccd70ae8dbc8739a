import { describe, expect, it } from 'vitest';
import { LevelWindows, type LevelWindow, type SensorLevel } from './level-windows.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-07-01T00:00:00Z');
const at = (hours: number) => new Date(T0 + hours * HOUR);
const level = (hours: number, value: number, sensorId = 1): SensorLevel => ({ sensorId, time: at(hours), value });
/** The outlook's window: the three hours up to `hours`. */
const window = (hours: number, code = 'A'): LevelWindow => ({ code, since: at(hours - 3), until: at(hours) });
const values = (series: { value: number }[]) => series.map((l) => l.value).sort((x, y) => x - y);

/** A database holding `stored`, recording the windows asked of it. */
function database(stored: SensorLevel[]) {
  const asked: LevelWindow[][] = [];
  const read = async (windows: LevelWindow[]) => {
    asked.push(windows);
    return windows.map((w) => stored.filter((l) => l.time >= w.since && (!w.until || l.time <= w.until)));
  };
  return { asked, read };
}

describe('level windows', () => {
  it('reads a reservoir once, with no upper bound, then answers from what is noted', async () => {
    const windows = new LevelWindows();
    const db = database([level(1, 10), level(2, 11), level(2.5, 12)]);
    expect(values((await windows.levelsOf([window(2)], db.read))[0])).toEqual([10, 11]);
    expect(db.asked).toEqual([[{ ...window(2), until: null }]]);

    windows.note('A', level(3, 13));
    windows.note('B', level(3, 99)); // not held: read when first wanted
    expect(values((await windows.levelsOf([window(3)], db.read))[0])).toEqual([10, 11, 12, 13]);
    expect(db.asked).toHaveLength(1);
  });

  it('keeps a level committed while the first read runs, once', async () => {
    const windows = new LevelWindows();
    const db = database([level(1, 10)]);
    const read = async (wanted: LevelWindow[]) => {
      // Committed and noted while the read is under way; the read may or may not see it.
      windows.note('A', level(1.5, 11));
      windows.note('A', level(1, 10));
      return db.read(wanted);
    };
    await windows.levelsOf([window(2)], read);
    expect(values((await windows.levelsOf([window(2)], db.read))[0])).toEqual([10, 11]);
  });

  it("drops levels older than the windows asked for, and reads a late reading's window", async () => {
    const windows = new LevelWindows();
    const db = database([level(1, 10), level(4, 11)]);
    await windows.levelsOf([window(4)], db.read);
    windows.note('A', level(5, 12));
    expect(values((await windows.levelsOf([window(5)], db.read))[0])).toEqual([11, 12]);
    expect(db.asked).toHaveLength(1);

    // A reading of 03:30 arriving late wants 00:30-03:30, before what is held.
    expect(values((await windows.levelsOf([window(3.5)], db.read))[0])).toEqual([10]);
    expect(db.asked[1]).toEqual([window(3.5)]);
  });

  it('holds nothing after a failed read, and reads again', async () => {
    const windows = new LevelWindows();
    const db = database([level(1, 10)]);
    const failing = async () => Promise.reject(new Error('connection lost'));
    await expect(windows.levelsOf([window(2)], failing)).rejects.toThrow('connection lost');
    expect(values((await windows.levelsOf([window(2)], db.read))[0])).toEqual([10]);
    expect(db.asked).toEqual([[{ ...window(2), until: null }]]);
  });
});
