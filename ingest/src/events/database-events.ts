import { ALERT_CHANNEL, READINGS_CHANNEL } from '@yz/platform';
import type pg from 'pg';
import type { IngestService } from '../ingest-service.js';

const READINGS_EVERY_MS = 1000;
/** NOTIFY payloads are limited to 8000 bytes: 500 reservoir codes fit with room to spare. */
const CODES_PER_NOTICE = 500;

/**
 * When ingest runs in its own process, backends learn of alert changes and new readings through NOTIFY
 * (every backend replica listens and pushes to its own clients). Readings are announced once a second as the
 * list of reservoirs with new values; backends read those values from sensor_latest.
 */
export function announceToBackends(ingest: IngestService, pool: pg.Pool): () => void {
  const notify = (channel: string, payload: string) =>
    pool.query('SELECT pg_notify($1, $2)', [channel, payload]).catch(() => undefined);
  ingest.alerts.on(
    'alert',
    ({ action, alert }) => void notify(ALERT_CHANNEL, JSON.stringify({ action, id: alert.id })),
  );
  const changed = new Set<string>();
  ingest.pipeline.on('stored', (readings) => readings.forEach((r) => changed.add(r.reservoirCode)));
  const timer = setInterval(() => {
    const codes = [...changed];
    changed.clear();
    for (let i = 0; i < codes.length; i += CODES_PER_NOTICE) {
      void notify(READINGS_CHANNEL, JSON.stringify(codes.slice(i, i + CODES_PER_NOTICE)));
    }
  }, READINGS_EVERY_MS);
  return () => clearInterval(timer);
}
