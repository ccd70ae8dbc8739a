import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

const REFRESH_EVERY_MS = 5 * 60_000;

/**
 * The embedded TimescaleDB has no background workers, so the continuous aggregate's refresh policy never runs
 * there: the application refreshes the recent window itself. (Queries stay correct in between, since the
 * aggregate is real-time; refreshing keeps them fast.)
 */
export function startRollupRefresh(db: Kysely<Database>, onError: (err: Error) => void): () => void {
  let running = false;
  const refresh = async () => {
    if (running) return;
    running = true;
    try {
      await sql`CALL refresh_continuous_aggregate('readings_hourly', now() - INTERVAL '3 days', date_trunc('hour', now()))`.execute(
        db,
      );
    } catch (err) {
      onError(err as Error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void refresh(), REFRESH_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
