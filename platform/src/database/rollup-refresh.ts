import type { DataSource } from 'typeorm';

const REFRESH_EVERY_MS = 5 * 60_000;

/**
 * The embedded TimescaleDB has no background workers, so the continuous aggregate's refresh policy never runs
 * there: the application refreshes the recent window itself. (Queries stay correct in between, since the
 * aggregate is real-time; refreshing keeps them fast.)
 */
export function startRollupRefresh(ds: DataSource, onError: (err: Error) => void): () => void {
  let running = false;
  const refresh = async () => {
    if (running) return;
    running = true;
    try {
      await ds.query(
        `CALL refresh_continuous_aggregate('readings_hourly', now() - INTERVAL '3 days', date_trunc('hour', now()))`,
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
