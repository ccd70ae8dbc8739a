import type { Database } from '@yz/platform';
import type { Kysely } from 'kysely';
import type { RainState } from '../sl651/index.js';

/**
 * Where each station's rain state (`accumulateRain`) lives between its reports, keyed by station address. Reads are
 * synchronous so the reports of one station are read strictly in turn; `set` runs as soon as a report is converted,
 * before its readings are committed (the next report may already be waiting). The state also travels with the
 * report's last payload and is committed in the transaction that stores its readings (`sl651_rain_state`), so
 * ingest loads it at start-up (`loadRainStates`) and a restart neither counts rain twice nor loses it.
 */
export interface RainStateStore {
  get(stationAddress: string): RainState | null;
  set(stationAddress: string, state: RainState): void;
}

/**
 * States in memory, seeded with the committed ones at start-up (without them, the first report after a restart is
 * read as a station's first). Bounded, least
 * recently reporting station forgotten first: addresses come from the frames, so a flood of made-up ones must not
 * grow it without end; the default holds every small reservoir of China (~94,000).
 */
export class MemoryRainStateStore implements RainStateStore {
  private readonly states = new Map<string, RainState>();

  constructor(
    initial: Iterable<[string, RainState]> = [],
    private readonly maxStations = 100_000,
  ) {
    for (const [address, state] of initial) this.set(address, state);
  }

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

/** The committed rain state of every SL 651 station, as it stood after its last stored report. */
export async function loadRainStates(db: Kysely<Database>): Promise<[string, RainState][]> {
  const rows = await db.selectFrom('sl651_rain_state').select(['station_address', 'state']).execute();
  return rows.map((r) => [r.station_address, r.state as RainState]);
}
