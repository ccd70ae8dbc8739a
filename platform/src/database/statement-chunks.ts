/** Rows per multi-row statement: well under PostgreSQL's 65,535 parameters per statement for any of our tables. */
const ROWS_PER_STATEMENT = 1000;

/** Splits rows into the multi-row statements of a bulk write. */
export function chunksOf<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) chunks.push(rows.slice(i, i + ROWS_PER_STATEMENT));
  return chunks;
}
