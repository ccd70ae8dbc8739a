import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type ValueNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from './open-database.js';
import { rollupPolicyHistory } from './migrations/1732300001500-rollup-policy-history.js';
import { refreshRollups } from './rollup-refresh.js';

/**
 * The embedded hourly rollup keeps back-filled and late history through the application's refreshes: a year of
 * history loaded at once, then readings arriving weeks late, all stay in the rollup the long-range charts read.
 */
describe('hourly rollup refresh on the embedded database', () => {
  let dir: string;
  let db: OpenDatabase;
  const daysOf = async (sensor: number) => {
    const { rows } = await sql<{ days: number; sum: number }>`
      SELECT count(DISTINCT time_bucket(INTERVAL '1 day', bucket))::int AS days, coalesce(sum(sum), 0)::float8 AS sum
      FROM readings_hourly WHERE sensor_id = ${sensor}`.execute(db.db);
    return rows[0];
  };

  /** Refreshes the rollup; returns the windows (epoch ms, null: open below) of the refresh statements it made. */
  const refreshWindowsOf = async (): Promise<[number | null, number][]> => {
    const calls: [number | null, number][] = [];
    const spy = db.db.withPlugin({
      transformQuery: ({ node }) => {
        if (node.kind === 'RawNode' && node.sqlFragments.join('').includes('refresh_continuous_aggregate')) {
          const [from, to] = node.parameters.map((p) => (p as ValueNode).value as Date | null);
          calls.push([from && from.getTime(), to!.getTime()]);
        }
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    await refreshRollups(spy);
    return calls;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rollup-refresh-'));
    db = await openDatabase({ databaseUrl: undefined, dataDir: dir }, { log() {}, warn() {} });
  });
  afterAll(async () => {
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a back-filled year through the first refreshes', async () => {
    await sql`INSERT INTO readings (time, sensor_id, value)
      SELECT t, 1, 1 FROM generate_series(date_trunc('hour', now()) - INTERVAL '365 days', now(), INTERVAL '1 hour') t`.execute(
      db.db,
    );
    const before = await daysOf(1);
    expect(before.days).toBeGreaterThanOrEqual(366);
    const windows = await refreshWindowsOf();
    expect(await daysOf(1)).toEqual(before);
    // A week at most per statement: the embedded database has one connection, and everything else waits behind it.
    expect(windows.length).toBeGreaterThan(50);
    for (const [from, to] of windows.slice(1)) expect(to - from!).toBeLessThanOrEqual(7 * 86_400_000);
    await refreshRollups(db.db);
    expect(await daysOf(1)).toEqual(before);
  });

  it('takes in readings that arrive weeks late', async () => {
    await refreshRollups(db.db);
    await sql`INSERT INTO readings (time, sensor_id, value)
      SELECT t, 2, 1 FROM generate_series(date_trunc('hour', now()) - INTERVAL '30 days',
                                          date_trunc('hour', now()) - INTERVAL '10 days', INTERVAL '1 hour') t`.execute(
      db.db,
    );
    await refreshRollups(db.db);
    expect(await daysOf(2)).toEqual({ days: 21, sum: 481 });
  });

  it('replaces a server refresh policy that looked back 3 days with one that takes every invalidated range', async () => {
    await sql`SELECT add_continuous_aggregate_policy('readings_hourly', start_offset => INTERVAL '3 days',
      end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes')`.execute(db.db);
    await rollupPolicyHistory.up(db.db);
    const { rows } = await sql<{ start: string | null }>`
      SELECT config->>'start_offset' AS start FROM timescaledb_information.jobs
      WHERE proc_name = 'policy_refresh_continuous_aggregate'`.execute(db.db);
    expect(rows).toEqual([{ start: null }]);
  });
});
