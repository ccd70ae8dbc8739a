import type { Socket } from 'node:net';
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

/** Longest statement on a database server by default (DATABASE_QUERY_TIMEOUT_SECONDS). */
export const DEFAULT_QUERY_TIMEOUT_MS = 60_000;

/**
 * A pg pool and Kysely over it. The embedded database runs one statement or transaction at a time whatever the
 * connections (wire-server.ts); its four let the next statements wait in its thread instead of this one. A server
 * gets ten. On a server every statement has a deadline (the server cancels it; if the link is
 * half-open and even that is not heard, the client gives up a little later and drops the connection) and idle
 * connections send TCP keepalives, so a black-holed link turns into errors instead of a silent hang.
 */
export function connect(url: string, embedded: boolean, queryTimeoutMs = DEFAULT_QUERY_TIMEOUT_MS): Connection {
  const pool = new pg.Pool({
    connectionString: url,
    types: { getTypeParser: typeParser },
    ...(embedded
      ? { max: 4, idleTimeoutMillis: 0 }
      : {
          max: 10,
          keepAlive: true,
          keepAliveInitialDelayMillis: 10_000,
          connectionTimeoutMillis: 10_000,
          statement_timeout: queryTimeoutMs,
          query_timeout: queryTimeoutMs + 5_000,
        }),
  });
  // A connection that dies (database restarted, network cut) emits 'error', idle or checked out; unhandled, that
  // would end the process. The failed query reports it to its caller, and the pool drops the dead connection.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    dropOnReadTimeout(client);
  });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}

/**
 * pg's client-side query timeout leaves the connection in the pool, still waiting for the lost answer; closing its
 * socket makes the pool drop it, so the next query gets a fresh connection.
 */
function dropOnReadTimeout(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  (client as unknown as { query: typeof query }).query = (...args) => {
    const result = query(...args);
    if (result instanceof Promise) {
      result.catch((err: unknown) => {
        if (err instanceof Error && err.message === 'Query read timeout') socket.destroy();
      });
    }
    return result;
  };
}
