import type { Kysely } from 'kysely';
import { refreshRollups } from './rollup-refresh.js';
import type { Database } from './schema.js';
import { analyzeTables, RECENT_CHUNKS_MS } from './statistics.js';

const EVERY_MS = 5 * 60_000;

/**
 * The embedded TimescaleDB has no background workers: neither the rollup's refresh policy nor autovacuum runs
 * there. Every 5 minutes the application refreshes the hourly rollup (queries stay correct in between, since the
 * rollup is real-time; refreshing keeps them fast) and gathers statistics on the recent chunks. Returns the stop
 * function.
 */
export function startEmbeddedMaintenance(
  db: Kysely<Database>,
  onError: (what: string, err: Error) => void,
): () => void {
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    await refreshRollups(db).catch((err: Error) => onError('hourly rollup refresh', err));
    await analyzeTables(db, new Date(Date.now() - RECENT_CHUNKS_MS)).catch((err: Error) => onError('statistics', err));
    running = false;
  };
  const timer = setInterval(() => void pass(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
