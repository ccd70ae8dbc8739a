import { sql, type Kysely } from 'kysely';

/** True when the timescaledb extension can be (or is) installed on this database. */
export async function timescaleAvailable<DB>(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`.execute(db);
  return rows.length > 0;
}

export async function timescaleInstalled<DB>(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'`.execute(db);
  return rows.length > 0;
}
