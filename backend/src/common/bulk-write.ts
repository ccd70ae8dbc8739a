// Writes of many rows at once (ledger imports): a few set-based statements rather than several per row.
import { sql, type Insertable } from 'kysely';
import { chunksOf, type Database } from '@yz/platform';
import type { Sql } from './sql.js';

/** Tables whose serial id a bulk insert draws up front, so that each new row's id is known (for its audit entry). */
type SerialTable = 'hazards' | 'funding_allocations' | 'funding_expenditures';

/** `n` fresh ids of the table's serial column, one statement however many. */
async function nextIds(tx: Sql, table: SerialTable, n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await sql<{ id: number }>`
    SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::int AS id FROM generate_series(1, ${n})`.execute(tx);
  return rows.map((r) => r.id);
}

/** Inserts rows (without ids), a multi-row statement per chunk; their new ids in the order given. */
export async function insertMany<T extends SerialTable>(
  tx: Sql,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<number[]> {
  const ids = await nextIds(tx, table, rows.length);
  const all: Insertable<Database[T]>[] = rows.map((row, i) => ({ ...row, id: ids[i] }));
  for (const chunk of chunksOf(all)) await tx.insertInto(table).values(chunk).execute();
  return ids;
}
