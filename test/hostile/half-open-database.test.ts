import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { openDatabase } from '@yz/platform';
import { seedIfEmpty } from '@yz/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceProcess, scratchDatabase, tcpRelay, waitFor } from '../support/processes.js';
import { MOSQUITTO_URL, POSTGRES_URL, freePort, reachable } from '../support/system.js';

const available = (await reachable(POSTGRES_URL)) && (await reachable(MOSQUITTO_URL));

type Health = { status: string; reasons: string[] };

/**
 * Issue 12, finding 8: with the link to PostgreSQL black-holed, ingest stored nothing, counted no error and
 * reported healthy. Now statements have a deadline, the error is counted, /health says why it is not ok, and
 * ingest recovers when the link does.
 */
describe.skipIf(!available)('ingest on a half-open database link', () => {
  const id = `yz_halfopen_${process.pid}_${Date.now().toString(36)}`;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let relay: Awaited<ReturnType<typeof tcpRelay>>;
  let ingest: ServiceProcess;
  let publisher: mqtt.MqttClient;
  let code: string;
  let health: string;
  const prefix = `${id}/`;

  beforeAll(async () => {
    db = await scratchDatabase(POSTGRES_URL, id);
    const dir = mkdtempSync(join(tmpdir(), 'yz-halfopen-'));
    const seeding = await openDatabase({ databaseUrl: db.url, dataDir: dir }, { log() {}, warn() {} });
    await seedIfEmpty(seeding.db);
    await seeding.close();
    rmSync(dir, { recursive: true, force: true });
    code = (await db.pool.query<{ code: string }>('SELECT code FROM reservoirs ORDER BY code LIMIT 1')).rows[0].code;
    relay = await tcpRelay({ host: '127.0.0.1', port: Number(new URL(POSTGRES_URL).port || 5432) });
    const metricsPort = await freePort();
    health = `http://127.0.0.1:${metricsPort}/health`;
    ingest = new ServiceProcess('ingest/dist/main.js', {
      DATABASE_URL: db.url.replace(/:\/\/[^/]+/, `://postgres@127.0.0.1:${relay.port}`),
      DATABASE_QUERY_TIMEOUT_SECONDS: '3',
      MQTT_URL: MOSQUITTO_URL,
      MQTT_TOPIC_PREFIX: prefix,
      INGEST_CLIENT_ID: id,
      METRICS_PORT: String(metricsPort),
      SL651_PORT: String(await freePort()),
    }).start();
    await waitFor('ingest healthy', async () => (await fetch(health)).ok);
    publisher = await mqtt.connectAsync(MOSQUITTO_URL);
  });
  afterAll(async () => {
    await publisher?.endAsync();
    await ingest?.kill('SIGTERM');
    relay?.resume();
    await relay?.close();
    await db?.drop();
  });

  const publish = (minutesAgo: number) =>
    publisher.publishAsync(
      `${prefix}reservoirs/${code}/telemetry`,
      JSON.stringify({ readings: [{ sensor: 'WL1', value: 100, ts: new Date(Date.now() - minutesAgo * 60_000) }] }),
      { qos: 1 },
    );
  const stored = () => db.count('SELECT count(*) AS n FROM readings');
  const report = async () => {
    const res = await fetch(health);
    return { code: res.status, ...((await res.json()) as Health) };
  };
  const dbErrors = async () => {
    const text = await (await fetch(health.replace('/health', '/metrics'))).text();
    return Number(/^ingest_db_errors_total (\S+)$/m.exec(text)?.[1] ?? 0);
  };

  it('reports degraded with a reason, counts the failure, and recovers', { timeout: 180_000 }, async () => {
    await publish(10);
    await expect.poll(stored, { timeout: 30_000 }).toBe(1);

    relay.pause();
    await publish(9);
    await expect.poll(async () => (await report()).code, { timeout: 60_000 }).toBe(503);
    const bad = await report();
    expect(bad.status).not.toBe('ok');
    expect(bad.reasons.join('; ')).toMatch(/database/);
    await expect.poll(dbErrors, { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await stored()).toBe(1);

    relay.resume();
    await expect.poll(stored, { timeout: 60_000 }).toBe(2);
    await expect.poll(async () => (await report()).status, { timeout: 60_000 }).toBe('ok');
  });
});
