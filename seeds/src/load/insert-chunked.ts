import type { Database } from '@yz/platform';
import type { Kysely, RawBuilder } from 'kysely';

/** Rows per statement: the embedded database fails on messages of a few MB, and 200 rows stay far below that. */
const CHUNK_ROWS = 200;

/** Runs `insert` once per chunk of at most 200 rows, handing it the chunk as JSON (for jsonb_to_recordset). */
export async function insertChunked(
  tx: Kysely<Database>,
  insert: (json: string) => RawBuilder<unknown>,
  rows: readonly object[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    await insert(JSON.stringify(rows.slice(i, i + CHUNK_ROWS))).execute(tx);
  }
}
