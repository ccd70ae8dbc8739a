import { Kysely, PostgresDialect } from 'kysely';
import mqtt, { type MqttClient } from 'mqtt';
import { createLogger, startEmbeddedBroker, type Database, type EmbeddedBroker } from '@yz/platform';
import { afterEach, describe, expect, it } from 'vitest';
import { IngestPipeline } from './ingest-pipeline.js';
import { IngestMetrics } from './metrics.js';
import { connectMqttSource } from './mqtt-source.js';

/** A database that never answers: every commit waits for ever, as on a hung server. */
const hungDatabase = () =>
  new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: () => new Promise(() => {}), end: async () => {} } }),
  });

describe('ingest from the embedded broker while commits wait', () => {
  const closing: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
  });

  it('stops reading stations once the pipeline is under pressure, so memory stays bounded', async () => {
    const broker: EmbeddedBroker = await startEmbeddedBroker({ port: 0 });
    closing.push(() => broker.close());
    const pipeline = new IngestPipeline(hungDatabase(), () => undefined, new IngestMetrics(), { highWater: 50 });
    const source = connectMqttSource(
      { url: broker.url, clientId: 'ingest-test', protocolVersion: 4, topicPrefix: '', embedded: broker },
      pipeline,
      createLogger('mqtt-source-test'),
    );
    closing.push(() => source.endAsync(true));
    const station: MqttClient = await mqtt.connectAsync(broker.url, { protocolVersion: 4, reconnectPeriod: 0 });
    closing.push(() => station.endAsync(true));

    const payload = JSON.stringify({ readings: Array.from({ length: 50 }, () => ({ sensor: 'WL1', value: 100 })) });
    for (let i = 0; i < 1000; i++) station.publish('reservoirs/X/telemetry', payload, { qos: 1 });
    await expect.poll(() => pipeline.depth).toBeGreaterThanOrEqual(50);
    // Settled: nothing more read for 300 ms.
    let depth = -1;
    while (depth !== pipeline.depth) {
      depth = pipeline.depth;
      await new Promise((r) => setTimeout(r, 300));
    }
    // The high-water mark and what the reads in progress brought; read on freely, it would be the broker's limit.
    expect(depth).toBeLessThan(300);
  });
});
