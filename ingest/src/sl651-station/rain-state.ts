import type { RainState } from '../sl651/index.js';

/**
 * Where each station's rain state (`accumulateRain`) lives between its reports, keyed by station address. Reads are
 * synchronous so the reports of one station are read strictly in turn; `set` runs as soon as a report is converted,
 * before its readings are committed (the next report may already be waiting). A database-backed store loads every
 * state at start-up and writes each `set` behind, ideally in the transaction that commits the report's readings.
 */
export interface RainStateStore {
  get(stationAddress: string): RainState | null;
  set(stationAddress: string, state: RainState): void;
}

/**
 * States in memory, lost on restart (the first report after it is read as a station's first). Bounded, least
 * recently reporting station forgotten first: addresses come from the frames, so a flood of made-up ones must not
 * grow it without end; the default holds every small reservoir of China (~94,000).
 */
export class MemoryRainStateStore implements RainStateStore {
  private readonly states = new Map<string, RainState>();

  constructor(private readonly maxStations = 100_000) {}

  get(stationAddress: string): RainState | null {
    return this.states.get(stationAddress) ?? null;
  }

  set(stationAddress: string, state: RainState): void {
    this.states.delete(stationAddress); // re-inserted last: Map order is the eviction order
    this.states.set(stationAddress, state);
    if (this.states.size > this.maxStations) this.states.delete(this.states.keys().next().value as string);
  }

  get size(): number {
    return this.states.size;
  }
}
