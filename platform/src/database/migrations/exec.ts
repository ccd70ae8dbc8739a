import { sql, type Kysely } from 'kysely';

/** Runs one DDL statement written as plain SQL (migrations keep their SQL as it was first written). */
export async function exec(db: Kysely<unknown>, statement: string): Promise<void> {
  await sql.raw(statement).execute(db);
}
