import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { connect } from './connect.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';
import { migrate } from './migrate.js';
import { analyzeTables, RECENT_CHUNKS_MS } from './statistics.js';
import type { Database } from './schema.js';
import { timescaleInstalled } from './timescale.js';

export interface OpenDatabase {
  db: Kysely<Database>;
  pool: pg.Pool;
  /** postgres:// URL of the database (the embedded one's loopback server in embedded mode). */
  url: string;
  embedded: boolean;
  timescale: boolean;
  close(): Promise<void>;
}

interface Logger {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Connects to DATABASE_URL, or starts the embedded TimescaleDB in dataDir when it is unset, and migrates.
 * On a server with TimescaleDB it also sets the compression, retention and aggregate-refresh policies
 * (the embedded database has no background workers to run them).
 */
export async function openDatabase(
  opts: {
    databaseUrl: string | undefined;
    dataDir: string;
    /** Statement deadline on a server (see `connect`). */
    queryTimeoutMs?: number;
    /** Runs after the migrations, under the same lock (e.g. loading the registry on first start). */
    afterMigrate?: (db: Kysely<Database>) => Promise<void>;
  },
  logger: Logger,
): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  if (!opts.databaseUrl) {
    embedded = await startEmbeddedDatabase(opts.dataDir);
    logger.log(`embedded TimescaleDB (PGlite) in ${opts.dataDir}`);
  }
  const url = opts.databaseUrl ?? embedded!.url;
  const { db, pool } = connect(url, embedded !== undefined, opts.queryTimeoutMs);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await db.destroy();
    await embedded?.close();
  };
  try {
    await migrateExclusively(db, pool, embedded !== undefined, opts.afterMigrate);
  } catch (err) {
    await close();
    throw err;
  }
  const timescale = await timescaleInstalled(db);
  if (!timescale) {
    logger.warn(
      'TimescaleDB extension not available on this PostgreSQL: using plain tables (no compression, retention or continuous aggregates)',
    );
  } else if (!embedded) {
    await applyTimescalePolicies(db);
  } else {
    // Before anything queries it: a first start has just loaded the registry, which has no statistics yet.
    await analyzeTables(db, new Date(Date.now() - RECENT_CHUNKS_MS));
  }
  return { db, pool, url, embedded: embedded !== undefined, timescale, close };
}

/** Replicas starting together must not migrate the same database twice: a server-side advisory lock serialises them. */
async function migrateExclusively(
  db: Kysely<Database>,
  pool: pg.Pool,
  embedded: boolean,
  afterMigrate: ((db: Kysely<Database>) => Promise<void>) | undefined,
): Promise<void> {
  // The embedded database belongs to one process: nothing to serialise.
  const lock = embedded ? undefined : await pool.connect();
  await lock?.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await migrate(db);
    await afterMigrate?.(db);
  } finally {
    await lock?.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    lock?.release();
  }
}

const MIGRATION_LOCK = 73102021;

async function applyTimescalePolicies(db: Kysely<Database>): Promise<void> {
  await sql`SELECT add_compression_policy('readings', INTERVAL '7 days', if_not_exists => true)`.execute(db);
  await sql`SELECT add_retention_policy('readings', INTERVAL '3 years', if_not_exists => true)`.execute(db);
  // start_offset NULL: every invalidated range however old (readings days late too), not only the last 3 days.
  await sql`SELECT add_continuous_aggregate_policy('readings_hourly', start_offset => NULL,
       end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes', if_not_exists => true)`.execute(db);
}
