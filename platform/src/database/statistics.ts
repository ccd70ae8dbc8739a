import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Chunks ending within this much of now are analysed on each pass; older ones change only by back-fill. */
export const RECENT_CHUNKS_MS = 8 * 24 * 3_600_000;

/**
 * Gathers the planner's statistics on the embedded database, which runs no autovacuum and so never had any: with
 * `sensors` taken for 15 rows, the overview's rain query chose a nested loop over a day of hourly sums and ran for
 * 21 s (0.5 s analysed), holding the only session while alerts waited. Every table of the schema, then the chunks
 * of the hypertables (readings, the hourly rollup) ending after `since` (null: all of them), one statement each so
 * that other connections get their turn in between.
 */
export async function analyzeTables(db: Kysely<Database>, since: Date | null): Promise<void> {
  const { rows: tables } = await sql<{ schema: string; name: string }>`
    SELECT schemaname AS schema, tablename AS name FROM pg_tables
    WHERE schemaname = 'public'
      AND tablename NOT IN (SELECT hypertable_name FROM timescaledb_information.hypertables)
    UNION ALL
    SELECT chunk_schema, chunk_name FROM timescaledb_information.chunks
    WHERE ${since}::timestamptz IS NULL OR range_end > ${since}::timestamptz`.execute(db);
  for (const t of tables) await sql`ANALYZE ${sql.id(t.schema, t.name)}`.execute(db);
}
