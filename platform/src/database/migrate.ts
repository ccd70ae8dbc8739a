import { Migrator, sql, type Kysely } from 'kysely';
import { MIGRATIONS, migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

const MIGRATION_TABLE = 'kysely_migration';

/** Runs the pending migrations in order; a failed one stops start-up with its error. */
export async function migrate(db: Kysely<Database>): Promise<void> {
  await adoptTypeormMigrations(db);
  // Each migration runs in its own transaction (see MIGRATIONS): continuous aggregates cannot be created in one.
  const migrator = new Migrator({ db, provider: migrationProvider, disableTransactions: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'failed');
    throw new Error(`Migration ${failed ? `${failed.migrationName} ` : ''}failed: ${reason}`);
  }
}

/**
 * A database that TypeORM migrated lists its migrations in `migrations` (by class name, ending in the timestamp
 * that starts our migration names). Those are recorded as done for Kysely's migrator, once, so nothing runs twice.
 */
async function adoptTypeormMigrations(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ typeorm: boolean; kysely: boolean }>`
    SELECT to_regclass('public.migrations') IS NOT NULL AS typeorm,
           to_regclass(${`public.${MIGRATION_TABLE}`}) IS NOT NULL AS kysely`.execute(db);
  if (!rows[0]?.typeorm || rows[0].kysely) return;
  const applied = await sql<{ name: string }>`SELECT name FROM migrations ORDER BY timestamp`.execute(db);
  const names = applied.rows.flatMap(({ name }) => {
    const stamp = /(\d{13})$/.exec(name)?.[1];
    return Object.keys(MIGRATIONS).filter((n) => stamp !== undefined && n.startsWith(stamp));
  });
  const at = new Date().toISOString();
  await db.transaction().execute(async (tx) => {
    // The table as Kysely's migrator creates it.
    await sql`CREATE TABLE ${sql.table(MIGRATION_TABLE)} (name varchar(255) NOT NULL PRIMARY KEY,
      timestamp varchar(255) NOT NULL)`.execute(tx);
    for (const name of names) {
      await sql`INSERT INTO ${sql.table(MIGRATION_TABLE)} (name, timestamp) VALUES (${name}, ${at})`.execute(tx);
    }
  });
}
