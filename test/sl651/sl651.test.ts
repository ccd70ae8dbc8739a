import mqtt from 'mqtt';
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAck, encodeMessage, type Message } from '@yz/ingest';
import { freePort, startSystem, type RunningSystem } from '../support/system.js';

interface Reservoir {
  code: string;
}
interface Reject {
  topic: string;
  reason: string;
  payload: string;
}

const until = async <T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** A timed report (32) observed a minute ago: PJ rainfall, reservoir level, voltage. */
function timedReport(stationAddress: string, level: number, serial: number): Message {
  const minute = Math.floor((Date.now() - 60_000) / 60_000) * 60_000;
  return {
    encoding: 'hex',
    direction: 'up',
    centralAddress: 1,
    stationAddress,
    password: '0000',
    functionCode: '32',
    serial,
    sentAt: new Date(minute + 30_000),
    stationType: '4B',
    timeStepMinutes: null,
    observations: [{ observedAt: new Date(minute), elements: { '20': 0.5, '3B': level, '38': 12.4 } }],
  };
}

describe('SL 651 RTUs through the whole system', () => {
  let sys: RunningSystem;
  let token: string;
  let sl651Port: number;
  let reservoirs: Reservoir[];
  const series = async (code: string, sensor: string) =>
    (
      await sys.get<{ points: [string, number][] }>(
        `/api/reservoirs/${code}/series?sensor=${sensor}&from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 600_000).toISOString()}`,
        token,
      )
    ).body.points;

  beforeAll(async () => {
    sl651Port = await freePort();
    sys = await startSystem({ env: { SL651_PORT: String(sl651Port) } });
    token = await sys.login();
    reservoirs = (await sys.get<Reservoir[]>('/api/reservoirs', token)).body;
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('confirms a report sent over TCP (M2) and serves its readings', async () => {
    const code = reservoirs[3].code;
    const message = timedReport(code.replace('-', ''), 123.456, 41);
    const socket = connect(sl651Port, '127.0.0.1');
    await once(socket, 'connect');
    let received = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => (received = Buffer.concat([received, d])));
    socket.write(encodeMessage(message)[0]);
    const ack = encodeAck(message);
    await until('the M2 confirmation', async () => received.length >= ack.length);
    socket.destroy();
    expect(received).toEqual(ack);
    // Committed before the confirmation, so the reading is already there.
    expect(await series(code, 'WL1')).toContainEqual([expect.any(String), 123.456]);
    expect(await series(code, 'BV1')).toContainEqual([expect.any(String), 12.4]);
  });

  it('stores raw frames bridged over MQTT as hex text', async () => {
    const code = reservoirs[4].code;
    const address = code.replace('-', '');
    const message = timedReport(address, 234.567, 42);
    const dtu = await mqtt.connectAsync(sys.mqttUrl, { clientId: `test-dtu-${process.pid}` });
    try {
      await dtu.subscribeAsync(`${sys.topicPrefix}sl651/${address}/down`, { qos: 1 });
      const confirmed = new Promise<Buffer>((resolve) => dtu.once('message', (_t, payload) => resolve(payload)));
      await dtu.publishAsync(`${sys.topicPrefix}sl651/${address}/up`, encodeMessage(message)[0].toString('hex'), {
        qos: 1,
      });
      await until('the WL1 reading', async () => (await series(code, 'WL1')).some(([, v]) => v === 234.567));
      expect(await confirmed).toEqual(encodeAck(message));
    } finally {
      await dtu.endAsync();
    }
  });

  it('logs frames from an address that is no reservoir code as rejects', async () => {
    const message = timedReport('00431100AB', 1, 43);
    const socket = connect(sl651Port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(encodeMessage(message)[0]);
    const rejects = await until('the reject', async () => {
      const res = await sys.get<Reject[]>('/api/ingest/rejects?reason=bad_station_address', token);
      return res.body.length ? res.body : null;
    });
    socket.destroy();
    expect(rejects[0]).toMatchObject({ topic: 'sl651/00431100AB/up', reason: 'bad_station_address' });
    expect(rejects[0].payload).toMatch(/^7E7E/);
  });
});
