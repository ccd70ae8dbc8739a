import { ALERT_CHANNEL, CODES_PER_EVENT, READINGS_CHANNEL, type EventBus, type IngestEvent } from '@yz/platform';
import type { AlertChange } from '@yz/domain';
import type { IngestService } from '../ingest-service.js';

/**
 * Tells backends about alert changes (each one, at once) and new readings (the reservoirs whose latest values were
 * just written, at most once a second; backends read the values from sensor_latest). The same path whether the
 * backend runs in this process or its own.
 */
export function announceEvents(ingest: IngestService, bus: EventBus): () => void {
  const publish = (event: IngestEvent) =>
    bus.publish(event).catch((err: Error) => console.error(`event not published: ${err.message}`));
  const onAlert = (change: AlertChange) => void publish({ channel: ALERT_CHANNEL, change });
  const onWritten = (codes: string[]) => {
    for (let i = 0; i < codes.length; i += CODES_PER_EVENT) {
      void publish({ channel: READINGS_CHANNEL, codes: codes.slice(i, i + CODES_PER_EVENT) });
    }
  };
  ingest.alerts.on('alert', onAlert);
  ingest.latest.on('written', onWritten);
  return () => {
    ingest.alerts.off('alert', onAlert);
    ingest.latest.off('written', onWritten);
  };
}
