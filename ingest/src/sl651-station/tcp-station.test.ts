import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeAck, encodeFrame, encodeMessage } from '../sl651/index.js';
import { MemoryRainStateStore } from './rain-state.js';
import { startSl651Station, type Sl651Station } from './tcp-station.js';
import { FakeSinks, timedReport } from './test-support.js';

const until = (what: string, probe: () => boolean, timeout = 3_000): Promise<void> =>
  vi.waitFor(
    () => {
      if (!probe()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout, interval: 5 },
  );

/** An RTU's side of the connection: what it sent is confirmed by what it receives. */
class Rtu {
  received = Buffer.alloc(0);
  closed = false;
  private constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => (this.received = Buffer.concat([this.received, d])));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
  }
  static async open(port: number): Promise<Rtu> {
    const socket = connect({ port, host: '127.0.0.1' });
    await once(socket, 'connect');
    return new Rtu(socket);
  }
  async write(bytes: Buffer): Promise<void> {
    await new Promise<void>((resolve) => this.socket.write(bytes, () => resolve()));
  }
}

describe('SL 651 central station (TCP)', () => {
  let station: Sl651Station;
  let sinks: FakeSinks;
  const rtus: Rtu[] = [];
  const start = async (opts: { idleTimeoutMs?: number; maxBadBytes?: number } = {}) => {
    sinks = new FakeSinks();
    station = await startSl651Station({ port: 0, host: '127.0.0.1', sink: sinks, rejects: sinks, ...opts });
  };
  const rtu = async () => {
    const r = await Rtu.open(station.port);
    rtus.push(r);
    return r;
  };
  afterEach(async () => {
    for (const r of rtus.splice(0)) r.socket.destroy();
    await station?.close();
  });

  it('feeds a report to the sink as contract telemetry and confirms it (M2) once committed', async () => {
    await start();
    sinks.hold = true;
    const message = timedReport();
    const r = await rtu();
    await r.write(encodeMessage(message)[0]);
    await until('the report to reach the sink', () => sinks.accepted.length === 1);
    expect(sinks.accepted[0].topic).toBe('reservoirs/431124-0007/telemetry');
    // PJ 1.5 since 08:00, of which PN05 0.5 in the last 5 minutes.
    expect(sinks.accepted[0].payload.readings.map((x) => [x.sensor, x.value])).toEqual([
      ['RG1', 1],
      ['RG1', 0.5],
      ['WL1', 312.47],
      ['BV1', 12.6],
    ]);
    expect(sinks.accepted[0].extras?.scheduled).toBe(true);
    // A second report on the same connection is the sentinel: once it reaches the sink, the first was handled.
    // An added report (33), it is stored but is no scheduled report (到报率).
    const sentinel = timedReport({ serial: 8, functionCode: '33' });
    await r.write(encodeMessage(sentinel)[0]);
    await until('the sentinel to reach the sink', () => sinks.accepted.length === 2);
    expect(sinks.accepted[1].extras?.scheduled).toBe(false);
    expect(r.received.length).toBe(0); // not confirmed before the commit
    sinks.release();
    const acks = Buffer.concat([encodeAck(message), encodeAck(sentinel)]);
    await until('the confirmations', () => r.received.length >= acks.length);
    expect(r.received).toEqual(acks);
  });

  it('gives the same readings and confirmation wherever the stream is split', async () => {
    await start();
    const message = timedReport();
    message.observations[0].elements = { '3B': 312.47, '38': 12.6 }; // rain would be stored once only
    const frame = encodeMessage(message)[0];
    const ack = encodeAck(message);
    for (let cut = 1; cut < frame.length; cut++) {
      const r = await rtu();
      await r.write(frame.subarray(0, cut));
      await new Promise((resolve) => setTimeout(resolve, 2));
      await r.write(frame.subarray(cut));
      await until(`the confirmation (cut at ${cut})`, () => r.received.length >= ack.length);
      expect(r.received).toEqual(ack);
      r.socket.destroy();
    }
    expect(sinks.accepted).toHaveLength(frame.length - 1);
    for (const a of sinks.accepted) expect(a).toEqual(sinks.accepted[0]);
  });

  it('confirms a redelivered report again but stores its rain once', async () => {
    await start();
    const message = timedReport();
    const r = await rtu();
    await r.write(encodeMessage(message)[0]);
    await r.write(encodeMessage(message)[0]);
    const ack = encodeAck(message);
    await until('both confirmations', () => r.received.length >= 2 * ack.length);
    expect(r.received).toEqual(Buffer.concat([ack, ack]));
    const rain = sinks.accepted.map((a) => a.payload.readings.filter((x) => x.sensor === 'RG1').map((x) => x.value));
    expect(rain).toEqual([[1, 0.5], []]);
  });

  it("reads PT against the same station's previous report, through the rain state it is given", async () => {
    const rainState = new MemoryRainStateStore();
    sinks = new FakeSinks();
    station = await startSl651Station({ port: 0, host: '127.0.0.1', sink: sinks, rejects: sinks, rainState });
    const first = timedReport({ serial: 1 }, new Date(Date.now() - 3 * 60_000));
    first.observations[0].elements = { '26': 812.3 };
    const second = timedReport({ serial: 2 });
    second.observations[0].elements = { '26': 815.1 };
    const reset = timedReport({ serial: 3 }, new Date(Date.now() + 60_000));
    reset.observations[0].elements = { '26': 0.5 };
    const r = await rtu();
    for (const message of [first, second, reset]) await r.write(encodeMessage(message)[0]);
    await until('three confirmations', () => r.received.length >= 3 * encodeAck(first).length);
    // The first report only sets PT's start, the reset report its new one: neither has a reading to store, but
    // each carries the station's new rain state, to be committed in order with the readings.
    expect(sinks.accepted.map((a) => a.payload.readings.map((x) => [x.sensor, x.value]))).toEqual([
      [],
      [['RG1', 2.8]],
      [],
    ]);
    expect(sinks.accepted.map((a) => a.extras?.rain?.state.pt?.value)).toEqual([812.3, 815.1, 0.5]);
    expect(rainState.get('4311240007')).toMatchObject({ total: 2.8, pt: { value: 0.5 } });
    // A counter that fell leaves its interval unknown: logged for engineers, with the frame.
    expect(sinks.rejected.map((x) => [x.topic, x.reason])).toEqual([
      ['sl651/4311240007/up', 'rain_reset'],
      ['sl651/4311240007/up', 'rain_uncounted'],
    ]);
    expect(sinks.rejected[0].detail).toMatch(/^PT fell from 815.1 to 0.5/);
    expect(sinks.rejected[0].payload).toBe(encodeMessage(reset)[0].toString('hex').toUpperCase());
  });

  it('handles several frames in one read and multi-packet messages, confirming each message once', async () => {
    await start();
    const first = timedReport({ serial: 1 });
    const second = timedReport({ serial: 2, stationAddress: '4311240008' });
    const long = timedReport({
      serial: 3,
      functionCode: '31',
      timeStepMinutes: 5,
      observations: Array.from({ length: 12 }, (_, i) => ({
        observedAt: new Date(Math.floor(Date.now() / 300_000) * 300_000 - (12 - i) * 300_000),
        elements: { '3B': 310 + i / 100 },
      })),
    });
    const packets = encodeMessage(long, { maxBodyLength: 40 });
    expect(packets.length).toBeGreaterThan(1);
    const r = await rtu();
    await r.write(Buffer.concat([...encodeMessage(first), ...encodeMessage(second), ...packets]));
    const acks = Buffer.concat([encodeAck(first), encodeAck(second), encodeAck(long)]);
    await until('three confirmations', () => r.received.length >= acks.length);
    expect(r.received).toEqual(acks);
    expect(sinks.accepted.map((a) => a.topic)).toEqual([
      'reservoirs/431124-0007/telemetry',
      'reservoirs/431124-0008/telemetry',
      'reservoirs/431124-0007/telemetry',
    ]);
    expect(sinks.accepted[2].payload.readings).toHaveLength(12);
  });

  it('does not answer keep-alives and keeps the connection open', async () => {
    await start();
    const r = await rtu();
    await r.write(encodeMessage(timedReport({ functionCode: '2F', stationType: null, observations: [] }))[0]);
    // A report after it is the sentinel: frames of a connection are handled in order.
    const sentinel = timedReport({ serial: 8 });
    await r.write(encodeMessage(sentinel)[0]);
    await until('the sentinel confirmed', () => r.received.length > 0);
    expect(r.received).toEqual(encodeAck(sentinel));
    expect(r.closed).toBe(false);
    expect(sinks.accepted).toHaveLength(1);
  });

  it('logs a frame whose address names no reservoir as a reject and does not confirm it', async () => {
    await start();
    const r = await rtu();
    await r.write(encodeMessage(timedReport({ stationAddress: '00431100AB' }))[0]);
    await until('the reject', () => sinks.rejected.length === 1);
    expect(sinks.rejected[0]).toMatchObject({ topic: 'sl651/00431100AB/up', reason: 'bad_station_address' });
    expect(sinks.rejected[0].payload).toMatch(/^7E7E01/);
    const sentinel = timedReport({ serial: 8 });
    await r.write(encodeMessage(sentinel)[0]);
    await until('the sentinel confirmed', () => r.received.length > 0);
    expect(r.received).toEqual(encodeAck(sentinel));
  });

  it('logs a frame that passes its CRC but cannot be decoded as a reject', async () => {
    await start();
    const r = await rtu();
    const picture = encodeFrame({ ...timedReport(), functionCode: '36' }, Buffer.from([0, 1, 2, 3]), null, 0x03);
    await r.write(picture);
    await until('the reject', () => sinks.rejected.length === 1);
    expect(sinks.rejected[0]).toMatchObject({ topic: 'sl651/4311240007/up', reason: 'bad_frame' });
    expect(sinks.rejected[0].detail).toMatch(/function code/);
  });

  it('closes a connection that floods garbage without disturbing the others', async () => {
    await start({ maxBadBytes: 16 * 1024 });
    const good = await rtu();
    const flooder = await rtu();
    const garbage = Buffer.alloc(64 * 1024, 0x55);
    flooder.socket.write(garbage);
    await until('the flooder to be cut off', () => flooder.closed);
    expect(sinks.rejected.map((x) => x.reason)).toEqual(['garbage_stream']);
    const message = timedReport();
    await good.write(encodeMessage(message)[0]);
    await until('the confirmation', () => good.received.length > 0);
    expect(good.received).toEqual(encodeAck(message));
    expect(good.closed).toBe(false);
  });

  it('tolerates a little noise between frames', async () => {
    await start();
    const r = await rtu();
    const message = timedReport();
    await r.write(Buffer.concat([Buffer.from('DTU-HEARTBEAT'), encodeMessage(message)[0], Buffer.from([0x7e, 0x00])]));
    await until('the confirmation', () => r.received.length > 0);
    expect(r.received).toEqual(encodeAck(message));
  });

  it('closes idle connections and counts open ones', async () => {
    await start({ idleTimeoutMs: 150 });
    const r = await rtu();
    await until('the connection to be counted', () => station.connections === 1);
    await until('the idle connection to be closed', () => r.closed, 2_000);
    await until('the connection to be forgotten', () => station.connections === 0);
  });
});
