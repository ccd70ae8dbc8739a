import mqtt from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { tmpdir } from 'node:os';
import { openDatabase } from '@yz/platform';
import { seedIfEmpty } from '@yz/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceProcess, privateMosquitto, scratchDatabase, tcpRelay, waitFor } from '../support/processes.js';
import { POSTGRES_URL, freePort, reachable } from '../support/system.js';

// Separate processes against real servers: the machine's PostgreSQL and Redis, and a private Mosquitto that the
// tests restart. Every case counts readings end to end: what was published must be stored exactly once.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const available = (await reachable(POSTGRES_URL)) && (await reachable(REDIS_URL.replace('redis:', 'tcp:')));
const ADMIN_PASSWORD = 'fault-test-pass';

interface Reservoir {
  code: string;
  levels: { normalLevel: number; designFloodLevel: number; deadLevel: number };
}

describe.skipIf(!available)('separate processes under faults', () => {
  const id = `yz_faults_${process.pid}_${Date.now().toString(36)}`;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let broker: Awaited<ReturnType<typeof privateMosquitto>>;
  let relay: Awaited<ReturnType<typeof tcpRelay>>;
  const backends: { process: ServiceProcess; url: string }[] = [];
  const ingests = new Map<string, ServiceProcess>();
  let publisher: mqtt.MqttClient;
  let reservoirs: Reservoir[];
  let published = 0;
  let clock = Date.now() - 6 * 3_600_000;

  const ingestEnv = async (clientId: string) => ({
    DATABASE_URL: new URL(db.url.replace(/:\/\/[^/]+/, `://postgres@127.0.0.1:${relay.port}`)).toString(),
    MQTT_URL: broker.url,
    ADMIN_PASSWORD,
    INGEST_SHARED_GROUP: 'ingest',
    INGEST_CLIENT_ID: `${id}-${clientId}`,
    METRICS_PORT: String(await freePort()),
    SL651_PORT: String(await freePort()),
  });
  const startIngest = async (name: string) => {
    const p = new ServiceProcess('ingest/dist/main.js', await ingestEnv(name)).start();
    ingests.set(name, p);
    await waitFor(
      `ingest ${name} healthy`,
      async () => (await fetch(`http://127.0.0.1:${p.env.METRICS_PORT}/health`)).ok,
    );
    return p;
  };
  const startBackend = async () => {
    const port = await freePort();
    const p = new ServiceProcess('app/dist/backend.js', {
      DATABASE_URL: db.url,
      MQTT_URL: broker.url,
      ADMIN_PASSWORD,
      REDIS_URL,
      PORT: String(port),
    }).start();
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`backend on ${port}`, async () => (await fetch(`${url}/api/health`)).ok, 90_000);
    backends.push({ process: p, url });
    return url;
  };
  const token = async (url: string) => {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  /** Publishes `n` water-level readings (one per message, each a new time) at about `perSecond`. */
  const publish = async (n: number, perSecond = 500, during?: (sent: number) => Promise<void> | void) => {
    for (let i = 0; i < n; i++) {
      const r = reservoirs[i % reservoirs.length];
      clock += 1000;
      void publisher.publish(
        `reservoirs/${r.code}/telemetry`,
        JSON.stringify({
          ts: new Date(clock).toISOString(),
          readings: [{ sensor: 'WL1', value: r.levels.deadLevel + 0.5 }],
        }),
        { qos: 1 },
      );
      published += 1;
      await during?.(i + 1);
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, (50 / perSecond) * 1000));
    }
  };
  const allStored = async () => {
    let stored = 0;
    try {
      await waitFor(
        `${published} readings stored`,
        async () => {
          stored = await db.count('SELECT count(*) AS n FROM readings');
          return stored === published;
        },
        90_000,
      );
    } catch {
      const { rows } = await db.pool.query<{ reason: string; n: string }>(
        'SELECT reason, count(*) AS n FROM reject_log GROUP BY 1',
      );
      throw new Error(`${stored} of ${published} readings stored; rejects: ${JSON.stringify(rows)}`);
    }
  };
  const metric = async (p: ServiceProcess, name: string) => {
    const text = await (await fetch(`http://127.0.0.1:${p.env.METRICS_PORT}/metrics`)).text();
    return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  };

  beforeAll(async () => {
    db = await scratchDatabase(POSTGRES_URL, id);
    broker = await privateMosquitto();
    relay = await tcpRelay({ host: '127.0.0.1', port: Number(new URL(POSTGRES_URL).port || 5432) });
    const url = await startBackend(); // migrates and loads the registry
    await startIngest('a');
    await startIngest('b');
    const t = await token(url);
    reservoirs = (
      (await (
        await fetch(`${url}/api/reservoirs`, { headers: { authorization: `Bearer ${t}` } })
      ).json()) as Reservoir[]
    ).slice(0, 200);
    publisher = await mqtt.connectAsync(broker.url, {
      clientId: `${id}-publisher`,
      clean: false,
      reconnectPeriod: 500,
    });
  });

  afterAll(async () => {
    await publisher?.endAsync(true);
    for (const p of ingests.values()) await p.kill('SIGTERM');
    for (const b of backends) await b.process.kill('SIGTERM');
    await broker?.remove();
    await relay?.close();
    await db?.drop();
  });

  it('two ingest processes on a shared subscription split the stream, nothing lost or doubled', async () => {
    await publish(1000);
    await allStored();
    const [a, b] = [
      await metric(ingests.get('a')!, 'ingest_messages_total'),
      await metric(ingests.get('b')!, 'ingest_messages_total'),
    ];
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a + b).toBe(1000);
  });

  it('opens one alert when two ingest processes judge the same reservoir at once', async () => {
    const r = reservoirs[3];
    const before = await Promise.all([...ingests.values()].map((p) => metric(p, 'ingest_messages_total')));
    // Twenty readings above the design flood level, spread over both processes by the shared subscription.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        clock += 1000;
        published += 1;
        return publisher.publishAsync(
          `reservoirs/${r.code}/telemetry`,
          JSON.stringify({
            ts: new Date(clock).toISOString(),
            readings: [{ sensor: 'WL1', value: r.levels.designFloodLevel + 0.01 * (i + 1) }],
          }),
          { qos: 1 },
        );
      }),
    );
    await allStored();
    const after = await Promise.all([...ingests.values()].map((p) => metric(p, 'ingest_messages_total')));
    expect(after.every((n, i) => n > before[i])).toBe(true);
    // Alerts are judged just after each commit: wait for the verdicts, then count what is active.
    const active = () =>
      db.count(
        `SELECT count(*) AS n FROM alerts WHERE reservoir_code = $1 AND rule_key = 'water_level' AND state <> 'resolved'`,
        [r.code],
      );
    // Every reading stored counts in some process's stored total just before its alert evaluation is queued; once
    // the totals reach what was published and no process has evaluations left, every verdict is in.
    const sum = async (name: string) =>
      (await Promise.all([...ingests.values()].map((p) => metric(p, name)))).reduce((a, b) => a + b, 0);
    await waitFor(
      'every reading judged',
      async () =>
        (await sum('ingest_readings_stored_total')) === published && (await sum('ingest_alert_backlog')) === 0,
    );
    expect(await active()).toBe(1);
  });

  it('loses nothing when an ingest process is killed mid-stream and comes back', async () => {
    await publish(1500, 500, async (sent) => {
      if (sent === 500) await ingests.get('b')!.kill('SIGKILL');
    });
    // What the broker had sent to b but b never acknowledged waits in b's session until b returns.
    await startIngest('b');
    await allStored();
  });

  it('loses nothing when the database is unreachable for 30 s, and recovers by itself', async () => {
    const before = [...ingests.values()];
    await publish(600, 200, (sent) => {
      if (sent === 200) relay.cut();
    });
    await new Promise((r) => setTimeout(r, 30_000));
    relay.restore();
    await allStored();
    // The same processes carried on: none was restarted.
    expect([...ingests.values()]).toEqual(before);
    for (const p of before) expect(await metric(p, 'ingest_db_errors_total')).toBeGreaterThan(0);
  }, 150_000);

  it('two backends with the Redis adapter each deliver alerts to their own clients', async () => {
    const second = await startBackend();
    const clients: {
      socket: Socket;
      events: { id: string; event: string; reservoirCode: string; ruleKey: string }[];
    }[] = [];
    for (const b of backends) {
      const socket = io(b.url, { auth: { token: await token(b.url) }, transports: ['websocket'] });
      const entry = { socket, events: [] as { id: string; event: string; reservoirCode: string; ruleKey: string }[] };
      socket.on('alert', (a: { id: string; event: string; reservoirCode: string; ruleKey: string }) =>
        entry.events.push(a),
      );
      clients.push(entry);
    }
    try {
      await waitFor('both sockets connected', async () => clients.every((c) => c.socket.connected));
      const r = reservoirs[7];
      clock += 1000;
      await publisher.publishAsync(
        `reservoirs/${r.code}/telemetry`,
        JSON.stringify({
          ts: new Date(clock).toISOString(),
          readings: [{ sensor: 'WL1', value: r.levels.designFloodLevel + 0.1 }],
        }),
        { qos: 1 },
      );
      published += 1;
      const opened = (c: (typeof clients)[number]) =>
        c.events.filter((e) => e.reservoirCode === r.code && e.ruleKey === 'water_level' && e.event === 'open');
      await waitFor('the alert at both backends', async () => clients.every((c) => opened(c).length > 0));
      // An acknowledgement made through one backend reaches the other backend's client through Redis; it is also
      // the sentinel: a doubled 'open' (one fanned out again through Redis) would have arrived before it.
      const alertId = opened(clients[0])[0].id;
      const ack = await fetch(`${backends[0].url}/api/alerts/${alertId}/ack`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await token(backends[0].url)}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(ack.status).toBe(200);
      await waitFor('the ack at both backends', async () =>
        clients.every((c) => c.events.some((e) => e.id === alertId && e.event === 'ack')),
      );
      for (const c of clients) expect(opened(c)).toHaveLength(1);
      expect(second).not.toBe(backends[0].url);
    } finally {
      for (const c of clients) c.socket.disconnect();
    }
    await allStored();
  }, 150_000);
});

describe.skipIf(!available)('an ingest process across a broker restart', () => {
  const id = `yz_restart_${process.pid}_${Date.now().toString(36)}`;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let broker: Awaited<ReturnType<typeof privateMosquitto>>;
  let ingest: ServiceProcess;
  let publisher: mqtt.MqttClient;

  beforeAll(async () => {
    db = await scratchDatabase(POSTGRES_URL, id);
    const opened = await openDatabase(
      { databaseUrl: db.url, dataDir: tmpdir(), afterMigrate: (kdb) => seedIfEmpty(kdb).then(() => undefined) },
      { log: () => {}, warn: () => {} },
    );
    await opened.close();
    broker = await privateMosquitto();
    const metricsPort = await freePort();
    // A plain persistent subscription: Mosquitto 2.0.11 (Debian 12) does not keep shared subscriptions across a
    // restart, so a shared group would lose what arrives before its members subscribe again (see deploy/README.md).
    ingest = new ServiceProcess('ingest/dist/main.js', {
      DATABASE_URL: db.url,
      MQTT_URL: broker.url,
      ADMIN_PASSWORD,
      INGEST_CLIENT_ID: `${id}-ingest`,
      METRICS_PORT: String(metricsPort),
      SL651_PORT: String(await freePort()),
    }).start();
    await waitFor('ingest healthy', async () => (await fetch(`http://127.0.0.1:${metricsPort}/health`)).ok);
    publisher = await mqtt.connectAsync(broker.url, {
      clientId: `${id}-publisher`,
      clean: false,
      reconnectPeriod: 500,
    });
  });

  afterAll(async () => {
    await publisher?.endAsync(true);
    await ingest?.kill('SIGTERM');
    await broker?.remove();
    await db?.drop();
  });

  it('loses nothing when the broker restarts mid-stream', async () => {
    const { rows } = await db.pool.query<{ code: string; dead: number }>(
      'SELECT code, dead_level::float8 AS dead FROM reservoirs ORDER BY code LIMIT 100',
    );
    const start = Date.now() - 3_600_000;
    for (let i = 0; i < 1500; i++) {
      const r = rows[i % rows.length];
      void publisher.publish(
        `reservoirs/${r.code}/telemetry`,
        JSON.stringify({
          ts: new Date(start + i * 1000).toISOString(),
          readings: [{ sensor: 'WL1', value: r.dead + 0.5 }],
        }),
        { qos: 1 },
      );
      if (i === 600) {
        await broker.stop();
        await new Promise((r) => setTimeout(r, 1000));
        await broker.start();
      }
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 100));
    }
    let stored = 0;
    await waitFor(
      '1500 readings stored',
      async () => {
        stored = await db.count('SELECT count(*) AS n FROM readings');
        return stored === 1500;
      },
      90_000,
    ).catch(() => expect(stored).toBe(1500));
  }, 150_000);
});
