import type { Database, Logger } from '@yz/platform';
import { sql, type Kysely } from 'kysely';

/** How long rejected input is kept for engineers to look at. */
export const REJECT_RETENTION_DAYS = 30;
const SWEEP_MS = 3_600_000;

/** Deletes reject-log rows past retention; returns how many. */
export async function sweepRejects(db: Kysely<Database>, days = REJECT_RETENTION_DAYS): Promise<number> {
  const result = await sql`DELETE FROM reject_log WHERE received_at < now() - make_interval(days => ${days})`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}

/** Sweeps now and every hour, so the reject log cannot grow without end. Returns the stop function. */
export function startRejectRetention(db: Kysely<Database>, logger: Logger): () => void {
  const sweep = () =>
    void sweepRejects(db).then(
      (n) => n && logger.debug(`reject log: ${n} rows older than ${REJECT_RETENTION_DAYS} days removed`),
      (err: unknown) => logger.warn('reject log retention sweep failed', err),
    );
  sweep();
  const timer = setInterval(sweep, SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
