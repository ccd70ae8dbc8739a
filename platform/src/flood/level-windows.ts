import type { TimedValue } from '@yz/domain';

/** The levels of a reservoir's water-level sensors over [since, until]; no `until`: up to the newest. */
export interface LevelWindow {
  code: string;
  since: Date;
  until: Date | null;
}

/** A stored water level, by sensor: two sensors may report the same time. */
export interface SensorLevel extends TimedValue {
  sensorId: number;
}

interface Held {
  /** The levels are all here from this time (epoch ms) on; Infinity while the first read is under way. */
  from: number;
  /**
   * Values by sensor and epoch ms: a level noted while the first read ran, and read by it too, is held once. Numbers,
   * not level objects: a province's windows (half a million levels) take 46 MB so, 114 MB as objects.
   */
  levels: Map<number, Map<number, number>>;
}

/**
 * The last hours of each reservoir's water levels (the flood outlook's inflow window), kept in memory by a process
 * that stores every level (ingest on its own, not sharing the stream): a pass then reads from the database only the
 * reservoirs it has not seen yet, not every reservoir's window again. At province scale the windows hold half a
 * million levels (14,000 reservoirs, 36 five-minute levels each): read every pass, the outlooks of a top-of-hour pass
 * took 1.6 s on PostgreSQL and 6-7 s on the embedded database, its only connection held all that time; 0.5 s so.
 */
export class LevelWindows {
  private readonly held = new Map<string, Held>();

  /** A level just committed (every one, in any order): kept if its reservoir is held. */
  note(code: string, level: SensorLevel): void {
    const held = this.held.get(code);
    if (held) keep(held, level);
  }

  /**
   * The levels of each window, from memory where its reservoir is held from the window's start on; `read` reads the
   * others. A reservoir not held yet starts being held with that read, which then has no upper bound: a level
   * committed before the hold began was not noted, so the read must return it.
   */
  async levelsOf(
    windows: readonly LevelWindow[],
    read: (windows: LevelWindow[]) => Promise<SensorLevel[][]>,
  ): Promise<TimedValue[][]> {
    const result = windows.map((w) => this.fromMemory(w));
    const missing = windows.flatMap((w, i) => (result[i] ? [] : [{ i, w, starts: !this.held.has(w.code) }]));
    if (!missing.length) return result as TimedValue[][];
    // Held (from Infinity) before the read is sent, so that a level committed meanwhile is noted, not lost.
    for (const m of missing) if (m.starts) this.held.set(m.w.code, { from: Infinity, levels: new Map() });
    let fetched: SensorLevel[][];
    try {
      fetched = await read(missing.map(({ w, starts }) => (starts ? { ...w, until: null } : w)));
    } catch (err) {
      // Not held after all: a hold that never started would gather notes for ever.
      for (const m of missing) if (m.starts) this.held.delete(m.w.code);
      throw err;
    }
    for (const [j, { i, w, starts }] of missing.entries()) {
      if (starts) {
        const held = this.held.get(w.code)!;
        held.from = Math.min(held.from, w.since.getTime());
        for (const l of fetched[j]) keep(held, l);
      }
      result[i] = fetched[j].filter((l) => !w.until || l.time <= w.until);
    }
    return result as TimedValue[][];
  }

  /** The window's levels if its reservoir is held from its start; what is older than the window is dropped. */
  private fromMemory({ code, since, until }: LevelWindow): TimedValue[] | undefined {
    const held = this.held.get(code);
    if (!held || held.from > since.getTime() || !until) return undefined;
    // Windows move forward with the readings: older levels are not wanted again, except by a late reading's window,
    // which is then read from the database.
    const [from, to] = [since.getTime(), until.getTime()];
    const levels: TimedValue[] = [];
    for (const bySensor of held.levels.values()) {
      for (const [ms, value] of bySensor) {
        if (ms < from) bySensor.delete(ms);
        else if (ms <= to) levels.push({ time: new Date(ms), value });
      }
    }
    held.from = from;
    return levels;
  }
}

function keep(held: Held, { sensorId, time, value }: SensorLevel): void {
  let bySensor = held.levels.get(sensorId);
  if (!bySensor) held.levels.set(sensorId, (bySensor = new Map()));
  bySensor.set(time.getTime(), value);
}
