import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export interface Connection {
  db: Kysely<Database>;
  /** The pool under `db`, for what the query builder does not do: LISTEN, and the benchmark's raw statements. */
  pool: pg.Pool;
}

/** A calendar date (a policy deadline, an appraisal date) stays its YYYY-MM-DD text: a Date would add a zone. */
function typeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  return oid === pg.types.builtins.DATE
    ? (value) => value
    : (pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown);
}

/**
 * A pg pool and Kysely over it. The embedded database serves one connection at a time, so there the whole process
 * shares one; a server gets ten.
 */
export function connect(url: string, embedded: boolean): Connection {
  const pool = new pg.Pool({
    connectionString: url,
    types: { getTypeParser: typeParser },
    ...(embedded ? { max: 1, idleTimeoutMillis: 0 } : { max: 10 }),
  });
  // A connection that dies (database restarted, network cut) emits 'error', idle or checked out; unhandled, that
  // would end the process. The failed query reports it to its caller, and the pool drops the dead connection.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}
