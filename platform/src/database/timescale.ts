/** Anything that runs SQL: a TypeORM data source or query runner. */
interface Queryable {
  query(sql: string): Promise<unknown[]>;
}

/** True when the timescaledb extension can be (or is) installed on this database. */
export async function timescaleAvailable(runner: Queryable): Promise<boolean> {
  const rows = await runner.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`);
  return rows.length > 0;
}

export async function timescaleInstalled(runner: Queryable): Promise<boolean> {
  const rows = await runner.query(`SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'`);
  return rows.length > 0;
}
