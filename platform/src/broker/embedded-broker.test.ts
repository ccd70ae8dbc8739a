import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker, type EmbeddedBrokerOptions } from './embedded-broker.js';

/** 400 messages of 2 kB: many socket reads, so how far the broker reads ahead shows. */
const COUNT = 400;
const PAYLOAD = Buffer.alloc(2048, 'x');

describe('embedded broker: messages held by the publish hook', () => {
  let broker: EmbeddedBroker | undefined;
  let client: MqttClient | undefined;
  afterEach(async () => {
    await client?.endAsync(true);
    await broker?.close();
    client = broker = undefined;
  });

  /** Connects a publisher to a broker whose hook holds every message; returns the held messages' releases. */
  async function holdAll(readOn: boolean, opts: Partial<EmbeddedBrokerOptions> = {}) {
    broker = await startEmbeddedBroker({ port: 0, ...opts });
    const releases: (() => void)[] = [];
    broker.setPublishHook((_topic, _payload, release) => {
      releases.push(release);
      return readOn;
    });
    client = await mqtt.connectAsync(broker.url, { protocolVersion: 4, reconnectPeriod: 0 });
    const published: number[] = [];
    const acked: number[] = [];
    client.on('packetsend', (packet) => {
      if (packet.cmd === 'publish') published.push(packet.messageId!);
    });
    client.on('packetreceive', (packet) => {
      if (packet.cmd === 'puback') acked.push(packet.messageId!);
    });
    const sent: Promise<unknown>[] = [];
    for (let i = 0; i < COUNT; i++) sent.push(client.publishAsync(`t/${i}`, PAYLOAD, { qos: 1 }));
    return { releases, published, acked, sent };
  }

  /** How many messages reached the hook once the broker stops reading (no new one for 300 ms). */
  async function settled(releases: unknown[]): Promise<number> {
    let seen = -1;
    while (seen !== releases.length) {
      seen = releases.length;
      await new Promise((r) => setTimeout(r, 300));
    }
    return seen;
  }

  /** Releases what is held, and what the broker reads next, until every message has been through the hook. */
  async function releaseAll(releases: (() => void)[]): Promise<void> {
    let released = 0;
    while (released < COUNT) {
      await expect.poll(() => releases.length, { timeout: 10_000 }).toBeGreaterThan(released);
      while (released < releases.length) releases[released++]();
    }
  }

  it('reads a station on while its earlier messages wait for release', async () => {
    const { releases, sent } = await holdAll(true);
    await expect.poll(() => releases.length, { timeout: 10_000 }).toBe(COUNT);
    for (const release of releases) release();
    await Promise.all(sent);
  });

  it('stops reading a station at the read-ahead limit, and reads on as messages are released', async () => {
    const { releases, sent } = await holdAll(true, { readAheadLimit: 50 });
    const read = await settled(releases);
    expect(read).toBeGreaterThanOrEqual(50);
    // The limit stops further reads; what one read of the socket brings is still taken whole.
    expect(read).toBeLessThan(200);
    await releaseAll(releases);
    await Promise.all(sent);
  });

  it("holds a station's next packets while the hook says not to read on (back-pressure)", async () => {
    const { releases, sent } = await holdAll(false);
    expect(await settled(releases)).toBeLessThan(200);
    await releaseAll(releases);
    await Promise.all(sent);
  });

  it('acknowledges in the order messages came, whatever order they are released in (MQTT 3.1.1, 4.6)', async () => {
    const { releases, published, acked, sent } = await holdAll(true);
    await expect.poll(() => releases.length, { timeout: 10_000 }).toBe(COUNT);
    for (const release of [...releases].reverse()) release();
    await Promise.all(sent);
    expect(acked).toHaveLength(COUNT);
    expect(acked).toEqual(published);
  });
});
