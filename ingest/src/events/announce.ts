import { ALERT_CHANNEL, CODES_PER_EVENT, READINGS_CHANNEL, type EventBus, type IngestEvent } from '@yz/platform';
import type { IngestService } from '../ingest-service.js';

/** Readings are announced at most this often: a storm's burst of reports becomes one event a second. */
const READINGS_EVERY_MS = 1000;

/**
 * Tells backends about alert changes (each one, at once) and new readings (the reservoirs that have new values,
 * once a second; backends read the values from sensor_latest). The same path whether the backend runs in this
 * process or its own.
 */
export function announceEvents(ingest: IngestService, bus: EventBus): () => void {
  const publish = (event: IngestEvent) =>
    bus.publish(event).catch((err: Error) => console.error(`event not published: ${err.message}`));
  ingest.alerts.on('alert', (change) => void publish({ channel: ALERT_CHANNEL, change }));
  const changed = new Set<string>();
  ingest.pipeline.on('stored', (readings) => readings.forEach((r) => changed.add(r.reservoirCode)));
  const timer = setInterval(() => {
    const codes = [...changed];
    changed.clear();
    for (let i = 0; i < codes.length; i += CODES_PER_EVENT) {
      void publish({ channel: READINGS_CHANNEL, codes: codes.slice(i, i + CODES_PER_EVENT) });
    }
  }, READINGS_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
