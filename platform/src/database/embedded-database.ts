import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createLogger } from '../logging/index.js';
import type { FromEmbeddedWorker, ToEmbeddedWorker } from './embedded-worker.js';

export interface EmbeddedDatabase {
  /**
   * postgres:// URL of the socket server, with its password; it runs one connection's statement or transaction at a
   * time.
   */
  url: string;
  close(): Promise<void>;
}

const logger = createLogger('embedded-database');

/**
 * The worker's script. Built, it sits next to this file; under vitest this file runs from its TypeScript source,
 * which a worker thread (plain Node.js) cannot load, so the built script in dist/ is used (`npm test` builds first).
 */
const WORKER_SCRIPT = fileURLToPath(
  import.meta.url.endsWith('.ts')
    ? new URL('../../dist/database/embedded-worker.js', import.meta.url)
    : new URL('./embedded-worker.js', import.meta.url),
);

/**
 * Opens the embedded TimescaleDB (PGlite + timescaledb) persisted in `dataDir` and serves it over the Postgres
 * wire protocol on a loopback port, so the rest of the system uses the same driver as with a real server.
 * PGlite runs its WASM synchronously: it runs in a worker thread (embedded-worker.ts), so a long statement does
 * not stall HTTP, MQTT and Socket.IO in this one.
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  if (!existsSync(WORKER_SCRIPT)) {
    throw new Error(`embedded database worker ${WORKER_SCRIPT} not found: run \`npm run build\``);
  }
  // Made afresh at every start and known only to this process: the port is open to every process on the machine.
  const password = randomBytes(24).toString('base64url');
  const worker = new Worker(WORKER_SCRIPT, { workerData: { dataDir, password } });
  const port = await new Promise<number>((resolve, reject) => {
    const fail = (err: Error) => {
      worker.off('message', onMessage).off('exit', onExit);
      reject(err);
    };
    const onMessage = (message: FromEmbeddedWorker) => {
      if (message.type !== 'ready') return;
      worker.off('error', fail).off('exit', onExit);
      resolve(message.port);
    };
    const onExit = (code: number) => fail(new Error(`embedded database worker exited (code ${code}) while starting`));
    worker.on('message', onMessage).once('error', fail).once('exit', onExit);
  });

  // A worker that dies later takes the database with it: every query fails (the health check reports the process
  // degraded) and nothing can be stored until a restart. As an uncaught PGlite failure did in the main thread, the
  // process exits, with the reason in the log, so whatever supervises it restarts it on its data directory.
  let closing = false;
  let failure: Error | undefined;
  worker.on('error', (err) => (failure = err));
  worker.on('exit', (code) => {
    if (closing) return;
    logger.error(`embedded database worker stopped (code ${code}): exiting`, failure);
    process.exit(1);
  });

  let closed: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    close() {
      closing = true;
      closed ??= new Promise<void>((resolve, reject) => {
        worker.on('message', (message: FromEmbeddedWorker) => {
          if (message.type !== 'closed') return;
          if (message.error) reject(new Error(`embedded database did not close cleanly: ${message.error}`));
          else resolve();
        });
        worker.once('exit', (code) =>
          reject(new Error(`embedded database worker exited (code ${code}) while closing`)),
        );
        worker.postMessage({ type: 'close' } satisfies ToEmbeddedWorker);
      }).finally(() => worker.terminate());
      return closed;
    },
  };
}
