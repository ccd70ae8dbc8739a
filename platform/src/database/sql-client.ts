import type { DataSource } from 'typeorm';
import type pg from 'pg';

/** The pg pool behind a TypeORM data source: ingest writes through it, sharing the one embedded connection. */
export function poolOf(dataSource: DataSource): pg.Pool {
  return (dataSource.driver as unknown as { master: pg.Pool }).master;
}
