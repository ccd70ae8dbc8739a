import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFloodReservoirs, type FloodReservoir, type OpenDatabase } from '@yz/platform';
import { loadRegistry } from '@yz/seeds';
import { AREAS } from '@yz/domain';
import { MONITORED, UNGATED } from '@yz/domain/testing';
import { FloodWatcher } from './flood-watcher.js';
import { temporaryDatabase } from '../../../test/support/embedded-database.js';

/** The flood watches against the embedded database: events recorded, state kept across a restart. */
describe('flood watcher on the embedded database', () => {
  let db: OpenDatabase;
  let reservoirs: Map<string, FloodReservoir>;
  const watcher = () => new FloodWatcher(db.db, (code) => reservoirs.get(code));
  const at = (hhmm: string) => new Date(`2026-07-01T${hhmm}:00+08:00`);
  const events = (code: string) =>
    db.db.selectFrom('flood_events').selectAll().where('reservoir_code', '=', code).orderBy('kind').execute();

  beforeAll(async () => {
    db = await temporaryDatabase('flood-watch');
    const government = { role: 'government' as const, name: '王县长', phone: '13800000001', trained: true };
    await loadRegistry(db.db, {
      areas: AREAS,
      reservoirs: [{ ...UNGATED, responsiblePersons: [{ ...government, trainedOn: '2025-04-01' }] }, MONITORED],
      projects: [],
    });
    reservoirs = new Map((await loadFloodReservoirs(db.db)).map((r) => [r.code, r]));
  }, 300_000);

  afterAll(async () => {
    await db?.close();
  });

  it('records an above-flood-limit event and a spill told to the government person, closed after a restart', async () => {
    const rising = [
      { time: at('08:00'), value: 317.9 },
      { time: at('08:05'), value: 318.1 },
      { time: at('08:10'), value: 318.3 },
      { time: at('09:00'), value: 318.6 },
    ];
    const changes = await watcher().onLevels(new Map([[UNGATED.code, rising]]));
    expect(changes.map((c) => `${c.kind}:${c.change.type}`)).toContain('spill:open');
    let [limit, spill] = await events(UNGATED.code);
    expect(limit).toMatchObject({
      kind: 'flood_limit',
      ended_at: null,
      peak_level: 318.6,
      threshold_kind: 'floodLimit',
    });
    expect(limit.started_at).toEqual(at('08:05'));
    expect(limit.excess_storage).toBeGreaterThan(0);
    expect(spill).toMatchObject({ kind: 'spill', notified_name: '王县长', notified_phone: '13800000001' });
    expect(spill.peak_discharge).toBeCloseTo(1.7 * 20 * 0.6 ** 1.5, 2);

    // A new watcher, as after a restart, picks the open events up from the stored state and closes them.
    const falling = [
      { time: at('10:00'), value: 317.9 },
      { time: at('10:30'), value: 317.9 },
      { time: at('11:00'), value: 317.9 },
    ];
    const closing = await watcher().onLevels(new Map([[UNGATED.code, falling]]));
    expect(closing.map((c) => c.change.type)).toEqual(['close', 'close']);
    [limit, spill] = await events(UNGATED.code);
    expect(limit).toMatchObject({ ended_at: at('10:00'), duration_hours: '1.92' });
    expect(spill.ended_at).toEqual(at('10:00'));
  });

  it('watches a category-3 dam before reinforcement acceptance against its restricted level (limit − 1 m)', async () => {
    const limit = MONITORED.levels.floodLimitLevel;
    await watcher().onLevels(
      new Map([
        [
          MONITORED.code,
          [
            { time: at('08:00'), value: limit - 0.8 },
            { time: at('08:05'), value: limit - 0.7 },
          ],
        ],
      ]),
    );
    const [event] = await events(MONITORED.code);
    expect(event).toMatchObject({ threshold_kind: 'restricted', threshold_level: String((limit - 1).toFixed(2)) });
  });

  it('watches many reservoirs in one pass, and passes over a reservoir it does not know', async () => {
    const day3 = (hhmm: string) => new Date(`2026-07-03T${hhmm}:00+08:00`);
    const peak = reservoirs.get(MONITORED.code)!.levels.floodLimitLevel;
    const changes = await watcher().onLevels(
      new Map([
        [
          UNGATED.code,
          [
            { time: day3('08:00'), value: 317.9 },
            { time: day3('08:05'), value: 318.1 },
            { time: day3('08:10'), value: 318.3 },
          ],
        ],
        [MONITORED.code, [{ time: day3('08:00'), value: peak }]],
        ['999999-9999', [{ time: day3('08:00'), value: 1 }]],
      ]),
    );
    expect(changes.filter((c) => c.reservoirCode === UNGATED.code && c.change.type === 'open')).toHaveLength(2);
    expect(changes.find((c) => c.reservoirCode === MONITORED.code)?.change.type).toBe('update');
    expect(changes.some((c) => c.reservoirCode === '999999-9999')).toBe(false);
  });
});
