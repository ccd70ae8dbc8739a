import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAck, encodeMessage } from '../sl651/index.js';
import { decodePayload, startSl651Bridge, type Sl651Bridge } from './mqtt-bridge.js';
import { FakeSinks, timedReport } from './test-support.js';

const until = async (what: string, probe: () => boolean, ms = 3_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('SL 651 MQTT bridge', () => {
  let broker: Aedes;
  const server = createServer();
  let bridgeClient: mqtt.MqttClient;
  let dtu: mqtt.MqttClient;
  let bridge: Sl651Bridge;
  const sinks = new FakeSinks();
  const downlinks: { topic: string; payload: Buffer }[] = [];

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    server.on('connection', (socket) => broker.handle(socket));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
    bridgeClient = await mqtt.connectAsync(url, { clientId: 'sl651-bridge-test' });
    bridge = await startSl651Bridge({ client: bridgeClient, topicPrefix: 'site/', sink: sinks, rejects: sinks });
    dtu = await mqtt.connectAsync(url, { clientId: 'dtu-test' });
    await dtu.subscribeAsync('site/sl651/+/down', { qos: 1 });
    dtu.on('message', (topic, payload) => downlinks.push({ topic, payload }));
  });

  afterAll(async () => {
    await bridge.close();
    await bridgeClient.endAsync();
    await dtu.endAsync();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    server.close();
  });

  it('feeds frames sent as hex text or raw bytes, and publishes the confirmation', async () => {
    const hexMessage = timedReport({ serial: 11 });
    const rawMessage = timedReport({ serial: 12 });
    const hex = encodeMessage(hexMessage)[0].toString('hex').replace(/(..)/g, '$1 ');
    await dtu.publishAsync('site/sl651/4311240007/up', hex, { qos: 1 });
    await dtu.publishAsync('site/sl651/4311240007/up', encodeMessage(rawMessage)[0], { qos: 1 });
    await until('two payloads', () => sinks.accepted.length === 2);
    expect(sinks.accepted.map((a) => a.topic)).toEqual([
      'reservoirs/431124-0007/telemetry',
      'reservoirs/431124-0007/telemetry',
    ]);
    await until('two confirmations', () => downlinks.length === 2);
    expect(downlinks.map((d) => d.topic)).toEqual(['site/sl651/4311240007/down', 'site/sl651/4311240007/down']);
    expect(downlinks.map((d) => d.payload)).toEqual([encodeAck(hexMessage), encodeAck(rawMessage)]);
  });

  it('rejects a frame published under another station address, and garbage', async () => {
    const before = sinks.accepted.length;
    await dtu.publishAsync('site/sl651/4311240099/up', encodeMessage(timedReport())[0], { qos: 1 });
    await dtu.publishAsync('site/sl651/4311240007/up', 'not a frame at all', { qos: 1 });
    await until('two rejects', () => sinks.rejected.length === 2);
    expect(sinks.rejected.map((r) => [r.topic, r.reason])).toEqual([
      ['sl651/4311240099/up', 'station_mismatch'],
      ['sl651/4311240007/up', 'bad_frame'],
    ]);
    expect(sinks.accepted.length).toBe(before);
  });

  it('accepts a frame followed by a stray 7E without logging it as garbage', async () => {
    const accepted = sinks.accepted.length;
    const rejected = sinks.rejected.length;
    const message = timedReport({ serial: 13, stationAddress: '4311240008' });
    await dtu.publishAsync(
      'site/sl651/4311240008/up',
      Buffer.concat([encodeMessage(message)[0], Buffer.from([0x7e])]),
      {
        qos: 1,
      },
    );
    await until('the payload', () => sinks.accepted.length === accepted + 1);
    expect(sinks.accepted.at(-1)?.topic).toBe('reservoirs/431124-0008/telemetry');
    expect(sinks.rejected.length).toBe(rejected);
  });

  it('tells hex text from raw bytes', () => {
    expect(decodePayload(Buffer.from('7e7e 01\n02'))).toEqual(Buffer.from([0x7e, 0x7e, 0x01, 0x02]));
    const raw = Buffer.from([0x7e, 0x7e, 0x01]);
    expect(decodePayload(raw)).toBe(raw);
  });
});
