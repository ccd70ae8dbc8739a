import type { OpenDatabase } from '@yz/platform';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IngestPipeline } from './ingest-pipeline.js';
import { IngestMetrics } from './metrics.js';
import { sweepRejects } from './reject-retention.js';
import type { SensorInfo } from './payload.js';
import { temporaryDatabase } from '../../../test/support/embedded-database.js';

/**
 * A message the database refuses (here: a reading a constraint of this test database forbids; the acknowledged
 * commit writes readings without a foreign key, so a sensor the database no longer has is not refused) is found by
 * splitting its batch and set aside in the reject log; the rest of the batch is stored. Before, the whole batch was
 * retried forever and nothing was stored again.
 */
describe('IngestPipeline isolates data the database refuses', () => {
  let db: OpenDatabase;

  beforeAll(async () => {
    db = await temporaryDatabase('pipeline');
    await sql`ALTER TABLE readings ADD CONSTRAINT refused_sensor CHECK (sensor_id <> 987654)`.execute(db.db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('commits the good messages, logs the refused one and acknowledges all of them', async () => {
    const gone: SensorInfo = { id: 987_654, type: 'water_level', station: { id: 987_654, reportIntervalS: 300 } };
    const logger = { error: vi.fn(), warn: vi.fn(), log: vi.fn(), debug: vi.fn() };
    const pipeline = new IngestPipeline(db.db, () => new Map([['WL1', gone]]), new IngestMetrics(), { logger });
    const acked: string[] = [];
    const ts = new Date(Date.now() - 60_000).toISOString();
    const topic = 'reservoirs/431124-0001/telemetry';
    for (const name of ['a', 'b', 'c']) pipeline.accept(topic, Buffer.from(`not json ${name}`), () => acked.push(name));
    pipeline.accept(topic, Buffer.from(JSON.stringify({ readings: [{ sensor: 'WL1', value: 1, ts }] })), () =>
      acked.push('refused'),
    );
    pipeline.accept(topic, Buffer.from('not json d\0'), () => acked.push('d'));
    await pipeline.drain();

    expect(acked.sort()).toEqual(['a', 'b', 'c', 'd', 'refused']);
    const { rows } = await sql<{ reason: string; payload: string }>`
      SELECT reason, payload FROM reject_log ORDER BY id`.execute(db.db);
    expect(rows.map((r) => r.reason).sort()).toEqual([
      'malformed_json',
      'malformed_json',
      'malformed_json',
      'malformed_json',
      'store_failed',
    ]);
    expect(rows.find((r) => r.payload.startsWith('not json d'))?.payload).toBe('not json d\\u0000');
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('tells which readings were new when some of a batch were stored before (redelivered messages)', async () => {
    const sensor: SensorInfo = { id: 987_001, type: 'water_level', station: { id: 987_001, reportIntervalS: 300 } };
    const metrics = new IngestMetrics();
    const pipeline = new IngestPipeline(db.db, () => new Map([['WL1', sensor]]), metrics);
    const stored: number[] = [];
    pipeline.on('stored', (readings) => stored.push(...readings.map((r) => r.value)));
    const topic = 'reservoirs/431124-0001/telemetry';
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const message = (...values: [number, number][]) =>
      Buffer.from(JSON.stringify({ readings: values.map(([m, value]) => ({ sensor: 'WL1', value, ts: at(m) })) }));

    pipeline.accept(topic, message([30, 1], [25, 2]), () => {});
    await pipeline.drain();
    expect(stored).toEqual([1, 2]);

    // One batch: a message stored before, and one with a stored reading beside a new one.
    stored.length = 0;
    pipeline.accept(topic, message([30, 1], [25, 2]), () => {});
    pipeline.accept(topic, message([25, 2], [20, 3]), () => {});
    await pipeline.drain();
    expect(stored).toEqual([3]);
    expect((await metrics.duplicates.get()).values[0].value).toBe(3);
  });

  it('keeps rejects for 30 days', async () => {
    await sql`INSERT INTO reject_log (received_at, topic, reason, detail, payload)
      VALUES (now() - interval '31 days', 't', 'bad_topic', 'old', ''), (now() - interval '29 days', 't', 'bad_topic', 'recent', '')`.execute(
      db.db,
    );
    expect(await sweepRejects(db.db)).toBe(1);
    const { rows } = await sql<{ detail: string }>`SELECT detail FROM reject_log WHERE topic = 't'`.execute(db.db);
    expect(rows.map((r) => r.detail)).toEqual(['recent']);
  });
});
