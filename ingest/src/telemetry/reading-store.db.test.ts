import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AREAS } from '@yz/domain';
import { openDatabase, type OpenDatabase } from '@yz/platform';
import { generateRegistry, loadRegistry } from '@yz/seeds';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from '../../../test/support/processes.js';
import { POSTGRES_URL, reachable } from '../../../test/support/system.js';
import type { ValidReading } from './payload.js';
import { storeBatch, type Batch } from './reading-store.js';

const postgresUp = await reachable(POSTGRES_URL);

/**
 * A batch is first written as if every reading were new; one that meets a stored reading (a redelivery) is written
 * again, skipping the stored ones. Neither way may lose or double a reading, a report slot or a reject.
 */
describe.each([
  ['the embedded database', false],
  ['PostgreSQL', true],
])('storing a batch on %s', (_, onPostgres) => {
  const reservoir = generateRegistry().reservoirs[0];
  let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
  let dir: string;
  let open: OpenDatabase;
  let sensorId: number;
  let stationId: number;
  // Times on the first and last millisecond of a second: they travel as epoch milliseconds.
  const base = Date.UTC(2026, 5, 1, 0, 0, 0);
  const reading = (ms: number, value: number): ValidReading => ({
    reservoirCode: reservoir.code,
    sensorId,
    sensorCode: 'WL1',
    type: 'water_level',
    time: new Date(base + ms),
    value,
  });
  const batch = (readings: ValidReading[], detail: string): Batch => ({
    readings,
    rejects: [{ topic: 't', reservoirCode: null, payload: '', reason: 'out_of_range', detail }],
    reports: [{ stationId, slot: readings[0].time, receivedAt: readings[0].time }],
    rainStates: [],
  });
  const stored = async () =>
    (
      await sql<{ time: Date; value: number }>`
        SELECT time, value FROM readings WHERE sensor_id = ${sensorId} ORDER BY time`.execute(open.db)
    ).rows.map((r) => [r.time.toISOString(), r.value]);
  const count = async (table: 'reject_log' | 'station_reports') =>
    (
      await open.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    if (onPostgres && !postgresUp) return;
    dir = mkdtempSync(join(tmpdir(), 'reading-store-'));
    scratch = onPostgres
      ? await scratchDatabase(POSTGRES_URL, `yz_store_${process.pid}_${Date.now().toString(36)}`)
      : undefined;
    open = await openDatabase({ databaseUrl: scratch?.url, dataDir: dir }, { log() {}, warn() {} });
    await loadRegistry(open.db, { reservoirs: [{ ...reservoir, responsiblePersons: [] }], projects: [], areas: AREAS });
    ({ id: sensorId, station_id: stationId } = await open.db
      .selectFrom('sensors')
      .select(['id', 'station_id'])
      .where('code', '=', 'WL1')
      .executeTakeFirstOrThrow());
  }, 300_000);

  afterAll(async () => {
    await open?.close();
    await scratch?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(onPostgres && !postgresUp)('stores new readings to the millisecond, and a redelivery once', async () => {
    const first = [reading(999, 1), reading(60_001, 2)];
    expect(await storeBatch(open.db, batch(first, 'first'))).toEqual(first);

    // Redelivered: one reading stored before, one new, in the same batch.
    const again = [reading(60_001, 2), reading(120_000, 3)];
    expect(await storeBatch(open.db, batch(again, 'again'))).toEqual([again[1]]);

    expect(await stored()).toEqual([
      ['2026-06-01T00:00:00.999Z', 1],
      ['2026-06-01T00:01:00.001Z', 2],
      ['2026-06-01T00:02:00.000Z', 3],
    ]);
    // The written-again batch's reject is logged once; its slot (the first one's second reading) was new.
    expect(Number(await count('reject_log'))).toBe(2);
    expect(Number(await count('station_reports'))).toBe(2);
  });

  it.skipIf(onPostgres && !postgresUp)('stores a reading once when two batches holding it commit at once', async () => {
    const shared = reading(600_000, 7);
    const a = [reading(540_000, 6), shared];
    const b = [shared, reading(660_000, 8)];
    const [newOfA, newOfB] = await Promise.all([
      storeBatch(open.db, batch(a, 'a')),
      storeBatch(open.db, batch(b, 'b')),
    ]);
    expect([...newOfA, ...newOfB].filter((r) => r === shared)).toHaveLength(1);
    expect((await stored()).filter(([time]) => time >= '2026-06-01T00:09')).toEqual([
      ['2026-06-01T00:09:00.000Z', 6],
      ['2026-06-01T00:10:00.000Z', 7],
      ['2026-06-01T00:11:00.000Z', 8],
    ]);
  });
});
