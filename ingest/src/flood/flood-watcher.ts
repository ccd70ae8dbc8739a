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
import type { Database, FloodReservoir } from '@yz/platform';
import type { Kysely, Transaction } from 'kysely';

export type FloodEventChange =
  | { kind: 'flood_limit'; reservoirCode: string; change: EventChange<FloodLimitEvent> }
  | { kind: 'spill'; reservoirCode: string; change: EventChange<SpillEvent> };

/**
 * Keeps each reservoir's above-flood-limit and spill watches as water levels are committed, and records the events
 * they open, raise and close. The watch state lives in the database, read and written in the transaction that
 * records the events, so it survives a restart and two ingest processes never step one watch at once.
 */
export class FloodWatcher {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly reservoirOf: (code: string) => FloodReservoir | undefined,
  ) {}

  /** Takes one reservoir's new water levels (any order) and returns the event changes they made. */
  async onLevels(code: string, levels: readonly TimedValue[]): Promise<FloodEventChange[]> {
    const reservoir = this.reservoirOf(code);
    if (!reservoir || levels.length === 0) return [];
    const sorted = [...levels].sort((a, b) => a.time.getTime() - b.time.getTime());
    return this.db.transaction().execute(async (tx) => {
      const states = await tx
        .selectFrom('flood_watches')
        .select(['watch', 'state'])
        .where('reservoir_code', '=', code)
        .forUpdate()
        .execute();
      const stateOf = (watch: 'flood_limit' | 'spill') => states.find((s) => s.watch === watch)?.state;
      let limit = (stateOf('flood_limit') as LimitWatch | undefined) ?? emptyWatch();
      let spill = (stateOf('spill') as SpillWatch | undefined) ?? emptyWatch();
      const spillway = ungatedSpillway(reservoir);
      const changes: FloodEventChange[] = [];
      for (const reading of sorted) {
        const context = { ...reservoir, floodSeason: isFloodSeason(reading.time) };
        const limitStep = stepFloodLimitEvents(limit, reading, context);
        limit = limitStep.state;
        if (limitStep.change) changes.push({ kind: 'flood_limit', reservoirCode: code, change: limitStep.change });
        if (spillway) {
          const spillStep = stepSpillEvents(spill, reading, spillway);
          spill = spillStep.state;
          if (spillStep.change) changes.push({ kind: 'spill', reservoirCode: code, change: spillStep.change });
        }
      }
      await saveWatch(tx, code, 'flood_limit', limit);
      if (spillway) await saveWatch(tx, code, 'spill', spill);
      for (const change of changes) await recordEvent(tx, change);
      return changes;
    });
  }
}

async function saveWatch(tx: Transaction<Database>, code: string, watch: 'flood_limit' | 'spill', state: unknown) {
  await tx
    .insertInto('flood_watches')
    .values({ reservoir_code: code, watch, state: JSON.stringify(state), updated_at: new Date() })
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
