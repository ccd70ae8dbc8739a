import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from './open-database.js';
import { analyzeTables, RECENT_CHUNKS_MS } from './statistics.js';

/**
 * The embedded database runs no autovacuum, so the planner only has statistics the application gathers: a table
 * never analysed has `reltuples` -1, and the planner guesses (it took 1,294 rain gauges for 15, and a 0.5 s query
 * ran for 21 s).
 */
describe('planner statistics on the embedded database', () => {
  let dir: string;
  let db: OpenDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'statistics-'));
    db = await openDatabase(
      {
        databaseUrl: undefined,
        dataDir: dir,
        // As a first start loads the registry: rows written before anything has analysed them.
        afterMigrate: (d) =>
          sql`INSERT INTO settings (key, value) SELECT 'k' || i, 'v' FROM generate_series(1, 200) i`
            .execute(d)
            .then(() => undefined),
      },
      { log() {}, warn() {} },
    );
  });
  afterAll(async () => {
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const readingChunks = async () => {
    const { rows } = await sql<{ end: Date; tuples: number }>`
      SELECT c.range_end AS end, k.reltuples::float8 AS tuples
      FROM timescaledb_information.chunks c
        JOIN pg_class k ON k.relname = c.chunk_name
        JOIN pg_namespace n ON n.oid = k.relnamespace AND n.nspname = c.chunk_schema
      WHERE c.hypertable_name = 'readings' ORDER BY c.range_end`.execute(db.db);
    return rows;
  };

  it('has the tables loaded at start analysed once the database is open', async () => {
    const { rows } = await sql<{ tuples: number }>`
      SELECT reltuples::float8 AS tuples FROM pg_class WHERE relname = 'settings'`.execute(db.db);
    expect(rows[0].tuples).toBe(200);
  });

  it('analyses the recent chunks on each pass, and every chunk after a back-fill', async () => {
    await sql`INSERT INTO readings (time, sensor_id, value)
      SELECT t, 1, 1 FROM generate_series(now() - INTERVAL '60 days', now(), INTERVAL '1 hour') t`.execute(db.db);
    const recentFrom = Date.now() - RECENT_CHUNKS_MS;
    await analyzeTables(db.db, new Date(recentFrom));
    const chunks = await readingChunks();
    expect(chunks.length).toBeGreaterThan(8);
    for (const c of chunks) {
      if (c.end.getTime() > recentFrom) expect(c.tuples).toBeGreaterThan(0);
      else expect(c.tuples).toBe(-1);
    }

    await analyzeTables(db.db, null);
    for (const c of await readingChunks()) expect(c.tuples).toBeGreaterThan(0);
  });
});
