import type { OpenDatabase } from '@yz/platform';
import { AREAS } from '@yz/domain';
import { generateRegistry, loadRegistry } from '@yz/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestPipeline } from './ingest-pipeline.js';
import { IngestMetrics } from './metrics.js';
import { RegistryCache } from './registry-cache.js';
import { temporaryDatabase } from '../../../test/support/embedded-database.js';

describe('several commits in flight', () => {
  let open: OpenDatabase;
  let registry: RegistryCache;
  const reservoirs = generateRegistry().reservoirs.slice(0, 4);

  beforeAll(async () => {
    open = await temporaryDatabase('commit-lanes');
    await loadRegistry(open.db, {
      reservoirs: reservoirs.map((r) => ({ ...r, responsiblePersons: [] })),
      projects: [],
      areas: AREAS,
    });
    registry = new RegistryCache(open.db);
    await registry.start();
  }, 300_000);

  afterAll(async () => {
    registry?.stop();
    await open?.close();
  });

  it('stores every reading and acknowledges each message after its commit, in arrival order', async () => {
    const pipeline = new IngestPipeline(open.db, registry.sensorsOf, new IngestMetrics(), {
      batchSize: 40,
      commitsInFlight: 3,
    });
    let batches = 0;
    pipeline.on('stored', () => batches++);
    const acked: number[] = [];
    const start = Date.UTC(2026, 5, 1);
    const messages = 400;
    for (let i = 0; i < messages; i++) {
      const r = reservoirs[i % reservoirs.length];
      const ts = new Date(start + Math.floor(i / reservoirs.length) * 60_000).toISOString();
      const payload = JSON.stringify({ ts, readings: [{ sensor: 'WL1', value: r.levels.normalLevel - 1 }] });
      pipeline.accept(`reservoirs/${r.code}/telemetry`, Buffer.from(payload), () => acked.push(i));
    }
    await pipeline.drain();
    expect(acked).toEqual(Array.from({ length: messages }, (_, i) => i));
    expect(batches).toBeGreaterThan(1);
    const { n } = await open.db
      .selectFrom('readings')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(messages);
  });

  it('asks the source to pause when the uncommitted payloads pass the byte bound, and to go on once committed', async () => {
    const pipeline = new IngestPipeline(open.db, registry.sensorsOf, new IngestMetrics(), { highWaterBytes: 4_000 });
    const pressure: boolean[] = [];
    pipeline.on('pressure', (paused) => pressure.push(paused));
    const r = reservoirs[0];
    // Ten messages of about 1 kB: far under the count's mark, over the bytes' after the fourth.
    const note = 'x'.repeat(1_000);
    for (let i = 0; i < 10; i++) {
      const ts = new Date(Date.UTC(2026, 6, 1) + i * 60_000).toISOString();
      const payload = JSON.stringify({ ts, note, readings: [{ sensor: 'WL1', value: r.levels.normalLevel - 1 }] });
      pipeline.accept(`reservoirs/${r.code}/telemetry`, Buffer.from(payload), () => undefined);
      if (i === 3) expect(pressure).toEqual([true]);
    }
    await pipeline.drain();
    expect(pressure).toEqual([true, false]);
  });
});
