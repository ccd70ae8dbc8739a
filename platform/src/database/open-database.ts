import type { DataSource } from 'typeorm';
import { createDataSource, type DataSourceSettings } from './data-source.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';
import { timescaleInstalled } from './timescale.js';

export interface OpenDatabase {
  dataSource: DataSource;
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
    entities?: DataSourceSettings['entities'];
    /** Runs after the migrations, under the same lock (e.g. loading the registry on first start). */
    afterMigrate?: (ds: DataSource) => Promise<void>;
  },
  logger: Logger,
): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  if (!opts.databaseUrl) {
    embedded = await startEmbeddedDatabase(opts.dataDir);
    logger.log(`embedded TimescaleDB (PGlite) in ${opts.dataDir}`);
  }
  const dataSource = createDataSource({
    url: opts.databaseUrl ?? embedded!.url,
    embedded: embedded !== undefined,
    entities: opts.entities,
  });
  try {
    await dataSource.initialize();
    await migrateExclusively(dataSource, embedded !== undefined, opts.afterMigrate);
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.close();
    throw err;
  }
  const timescale = await timescaleInstalled(dataSource);
  if (!timescale) {
    logger.warn(
      'TimescaleDB extension not available on this PostgreSQL: using plain tables (no compression, retention or continuous aggregates)',
    );
  } else if (!embedded) {
    await applyTimescalePolicies(dataSource);
  }
  return {
    dataSource,
    embedded: embedded !== undefined,
    timescale,
    async close() {
      // Nest closes the data source it was handed when the app closes; the embedded server is ours to stop.
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.close();
    },
  };
}

/** Replicas starting together must not migrate the same database twice: a server-side advisory lock serialises them. */
async function migrateExclusively(
  ds: DataSource,
  embedded: boolean,
  afterMigrate: ((ds: DataSource) => Promise<void>) | undefined,
): Promise<void> {
  // The embedded database has one connection and one process: nothing to serialise, and no second connection.
  const lock = embedded ? undefined : ds.createQueryRunner();
  await lock?.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await ds.runMigrations();
    await afterMigrate?.(ds);
  } finally {
    await lock?.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    await lock?.release();
  }
}

const MIGRATION_LOCK = 73102021;

async function applyTimescalePolicies(ds: DataSource): Promise<void> {
  await ds.query(`SELECT add_compression_policy('readings', INTERVAL '7 days', if_not_exists => true)`);
  await ds.query(`SELECT add_retention_policy('readings', INTERVAL '3 years', if_not_exists => true)`);
  await ds.query(
    `SELECT add_continuous_aggregate_policy('readings_hourly', start_offset => INTERVAL '3 days',
       end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes', if_not_exists => true)`,
  );
}
