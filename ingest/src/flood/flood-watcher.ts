import {
  emptyWatch,
  isFloodSeason,
  stepFloodLimitEvents,
  stepSpillEvents,
  ungatedSpillway,
  type EventChange,
  type FloodLimitEvent,
  type LimitWatch,
  type SpillEvent,
  type SpillWatch,
  type TimedValue,
} from '@yz/domain';
import { chunksOf, eventLoopSlices, type Database, type FloodReservoir } from '@yz/platform';
import type { Kysely, Transaction } from 'kysely';

export type FloodEventChange =
  | { kind: 'flood_limit'; reservoirCode: string; change: EventChange<FloodLimitEvent> }
  | { kind: 'spill'; reservoirCode: string; change: EventChange<SpillEvent> };

type WatchRow = { reservoir_code: string; watch: 'flood_limit' | 'spill'; state: string; updated_at: Date };
type Work = { code: string; reservoir: FloodReservoir; levels: readonly TimedValue[] };

/**
 * Keeps each reservoir's above-flood-limit and spill watches as water levels are committed, and records the events
 * they open, raise and close. The watch state lives in the database, read and written in the transaction that
 * records the events, so it survives a restart and two ingest processes never step one watch at once. A pass over
 * many reservoirs is a transaction of a few statements per thousand reservoirs: one per reservoir kept the embedded
 * database's only connection busy long enough for levels to pile up in memory during a burst, and one for a
 * province's 14,000 held the event loop 100-150 ms stepping them (an alarm reading waited) and the connection longer.
 */
export class FloodWatcher {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly reservoirOf: (code: string) => FloodReservoir | undefined,
  ) {}

  /** Takes new water levels by reservoir (any order) and returns the event changes they made. */
  async onLevels(levelsByReservoir: ReadonlyMap<string, readonly TimedValue[]>): Promise<FloodEventChange[]> {
    const work = [...levelsByReservoir]
      .map(([code, levels]) => ({ code, reservoir: this.reservoirOf(code), levels }))
      .filter((w): w is Work => w.reservoir !== undefined && w.levels.length > 0)
      .sort((a, b) => a.code.localeCompare(b.code));
    const changes: FloodEventChange[] = [];
    const pause = eventLoopSlices();
    for (const part of chunksOf(work)) {
      await pause();
      changes.push(...(await this.watch(part)));
    }
    return changes;
  }

  /** Steps the reservoirs' watches in one transaction, in code order (the order their rows are locked in). */
  private watch(work: Work[]): Promise<FloodEventChange[]> {
    return this.db.transaction().execute(async (tx) => {
      const states = await tx
        .selectFrom('flood_watches')
        .select(['reservoir_code', 'watch', 'state'])
        .where(
          'reservoir_code',
          'in',
          work.map((w) => w.code),
        )
        .orderBy('reservoir_code')
        .forUpdate()
        .execute();
      // By reservoir and watch: a pass may hold every reservoir of a province.
      const saved = new Map(states.map((s) => [`${s.reservoir_code}/${s.watch}`, s.state]));
      const stateOf = (code: string, watch: 'flood_limit' | 'spill') => saved.get(`${code}/${watch}`);
      const changes: FloodEventChange[] = [];
      const rows: WatchRow[] = [];
      const now = new Date();
      for (const { code, reservoir, levels } of work) {
        const sorted = [...levels].sort((a, b) => a.time.getTime() - b.time.getTime());
        let limit = (stateOf(code, 'flood_limit') as LimitWatch | undefined) ?? emptyWatch();
        let spill = (stateOf(code, 'spill') as SpillWatch | undefined) ?? emptyWatch();
        const spillway = ungatedSpillway(reservoir);
        // The reservoir as the rules see it in and out of the flood season, built once: not spread per reading.
        const inSeason = { ...reservoir, floodSeason: true };
        const outOfSeason = { ...reservoir, floodSeason: false };
        for (const reading of sorted) {
          const context = isFloodSeason(reading.time) ? inSeason : outOfSeason;
          const limitStep = stepFloodLimitEvents(limit, reading, context);
          limit = limitStep.state;
          if (limitStep.change) changes.push({ kind: 'flood_limit', reservoirCode: code, change: limitStep.change });
          if (spillway) {
            const spillStep = stepSpillEvents(spill, reading, spillway);
            spill = spillStep.state;
            if (spillStep.change) changes.push({ kind: 'spill', reservoirCode: code, change: spillStep.change });
          }
        }
        rows.push({ reservoir_code: code, watch: 'flood_limit', state: JSON.stringify(limit), updated_at: now });
        if (spillway)
          rows.push({ reservoir_code: code, watch: 'spill', state: JSON.stringify(spill), updated_at: now });
      }
      for (const chunk of chunksOf(rows)) await saveWatches(tx, chunk);
      for (const change of changes) await recordEvent(tx, change);
      return changes;
    });
  }
}

async function saveWatches(tx: Transaction<Database>, rows: WatchRow[]) {
  await tx
    .insertInto('flood_watches')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['reservoir_code', 'watch']).doUpdateSet((eb) => ({
        state: eb.ref('excluded.state'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** An event row per (reservoir, kind, start): inserted when it opens, its peak and end written as they change. */
async function recordEvent(tx: Transaction<Database>, { kind, reservoirCode, change }: FloodEventChange) {
  const { event } = change;
  const measures = {
    ended_at: event.end,
    duration_hours: event.durationHours,
    peak_level: event.peakLevel,
    peak_at: event.peakAt,
    excess_storage: 'excessStorage' in event ? event.excessStorage : null,
    peak_discharge: 'peakDischarge' in event ? event.peakDischarge : null,
  };
  const notified = kind === 'spill' && change.type === 'open' ? await governmentPerson(tx, reservoirCode) : null;
  await tx
    .insertInto('flood_events')
    .values({
      reservoir_code: reservoirCode,
      kind,
      started_at: event.start,
      threshold_level: event.threshold.level,
      threshold_kind: event.threshold.kind,
      notified_name: notified?.name ?? null,
      notified_phone: notified?.phone ?? null,
      ...measures,
    })
    .onConflict((oc) => oc.columns(['reservoir_code', 'kind', 'started_at']).doUpdateSet(measures))
    .execute();
}

/** The government responsible person (政府责任人), who is told of a spill and warns the people downstream. */
async function governmentPerson(tx: Transaction<Database>, code: string) {
  return tx
    .selectFrom('responsible_persons')
    .select(['name', 'phone'])
    .where('reservoir_code', '=', code)
    .where('role', '=', 'government')
    .orderBy('id')
    .executeTakeFirst();
}
