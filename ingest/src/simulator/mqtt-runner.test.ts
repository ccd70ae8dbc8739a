import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAndRun } from './mqtt-runner.js';
import { FIXTURES } from '@yz/domain/testing';

describe('connectAndRun', () => {
  let broker: Aedes;
  const server = createServer();
  let url: string;

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    server.on('connection', (socket) => broker.handle(socket));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    server.close();
  });

  it('publishes every station to the broker', async () => {
    const subscriber = await mqtt.connectAsync(url);
    await subscriber.subscribeAsync('test/reservoirs/+/telemetry', { qos: 1 });
    const topics = new Set<string>();
    const all = new Promise<void>((resolve) =>
      subscriber.on('message', (topic) => {
        topics.add(topic);
        if (topics.size === FIXTURES.length) resolve();
      }),
    );

    // 10 simulated minutes per real second: the start-up reports arrive within a second.
    const running = await connectAndRun(url, FIXTURES, {
      seed: 1,
      speed: 600,
      startTime: new Date('2026-07-01T08:00:00+08:00'),
      topicPrefix: 'test/',
    });
    await all;
    await running.stop();
    await subscriber.endAsync();
    expect([...topics].sort()).toEqual(FIXTURES.map((r) => `test/reservoirs/${r.code}/telemetry`).sort());
  });
});
