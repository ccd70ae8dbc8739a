import type { TimedValue } from '@yz/domain';
import { createLogger } from '@yz/platform';
import type { IngestPipeline } from '../telemetry/ingest-pipeline.js';
import { pacedPasses } from '../telemetry/paced-passes.js';
import type { FloodEventChange, FloodWatcher } from './flood-watcher.js';

/**
 * Every committed water level goes through the flood watches, in order, in paced passes (unlike alert
 * judging, which may skip to the newest reading, an event's start and peak need each reading); `onChanges`
 * gets what they recorded (the alert engine opens and resolves spill alerts).
 */
export function watchFloodsAfterCommit(
  pipeline: IngestPipeline,
  watcher: FloodWatcher,
  onChanges: (changes: FloodEventChange[]) => Promise<void>,
) {
  const logger = createLogger('flood');
  const waiting = new Map<string, TimedValue[]>();
  const passes = pacedPasses(
    () => waiting.size > 0,
    async () => {
      const batch = new Map(waiting);
      waiting.clear();
      try {
        await onChanges(await watcher.onLevels(batch));
      } catch (err) {
        // One reservoir's bad data must not cost the others their events: the pass again, a reservoir at a time.
        logger.warn(`flood watch pass of ${batch.size} reservoirs failed, watching them one by one`, err);
        for (const [code, levels] of batch) {
          try {
            await onChanges(await watcher.onLevels(new Map([[code, levels]])));
          } catch (err) {
            logger.error(`flood watch of ${code} failed`, err);
          }
        }
      }
    },
  );
  pipeline.on('stored', (readings) => {
    for (const r of readings) {
      if (r.type !== 'water_level') continue;
      const levels = waiting.get(r.reservoirCode) ?? [];
      levels.push({ time: r.time, value: r.value });
      waiting.set(r.reservoirCode, levels);
    }
    if (waiting.size) passes.kick();
  });
  return { idle: passes.idle };
}
