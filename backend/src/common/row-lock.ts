import { sql } from 'kysely';
import type { Sql } from './sql.js';

/** The tables whose rows a state change locks, with the key it locks them by. */
const KEYS = { hazards: 'id', projects: 'id', reservoirs: 'code' } as const;

/**
 * Locks rows (FOR UPDATE) for the rest of the transaction. Every read-modify-write takes the lock before it reads
 * what it will change, so concurrent changes queue instead of both acting on the same old state; keys are locked
 * in order, so two transactions locking the same rows cannot deadlock.
 */
export async function lockRows(tx: Sql, table: keyof typeof KEYS, keys: readonly (number | string)[]): Promise<void> {
  if (keys.length === 0) return;
  const key = sql.ref(KEYS[table]);
  await sql`SELECT 1 FROM ${sql.table(table)} WHERE ${key} = ANY(${[...keys]}) ORDER BY ${key} FOR UPDATE`.execute(tx);
}
