import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  encodeAck,
  encodeMessage,
  startSl651Station,
  uplinkReport,
  type Message,
  type Sl651Station,
  type Sl651StationOptions,
} from '@yz/ingest';

/**
 * Issue 12, finding 5 and the bad-CRC part of 11: what one host can do to the SL 651 central station (the station
 * module as ingest starts it, on a loopback port, with sinks that commit at once and record rejects).
 */
describe('SL 651 station under hostile connections', () => {
  let station: Sl651Station | undefined;
  const sockets: Socket[] = [];
  const rejects: { topic: string; reason: string }[] = [];

  const start = async (opts: Partial<Sl651StationOptions> = {}) => {
    rejects.length = 0;
    station = await startSl651Station({
      port: 0,
      host: '127.0.0.1',
      sink: { accept: (_topic, _payload, committed) => setImmediate(committed) },
      rejects: { reject: (topic, reason) => rejects.push({ topic, reason }) },
      ...opts,
    });
    return station.port;
  };
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await station?.close();
    station = undefined;
  });

  /** A client connection with what it has received so far and whether the station closed it. */
  const open = async (port: number, localAddress = '127.0.0.1') => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    sockets.push(socket);
    const conn = { socket, received: Buffer.alloc(0), closed: false };
    socket.on('data', (d: Buffer) => (conn.received = Buffer.concat([conn.received, d])));
    socket.on('close', () => (conn.closed = true));
    socket.on('error', () => undefined);
    await once(socket, 'connect');
    return conn;
  };
  const waitFor = (what: string, probe: () => boolean, timeout = 5_000) =>
    vi.waitFor(() => expect(probe(), what).toBe(true), { timeout, interval: 10 });

  /** A timed report from the RTU at `stationAddress`, observed a minute ago. */
  const report = (overrides: Partial<Message> = {}): Message => {
    const minute = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
    return uplinkReport({
      sentAt: new Date(Math.floor(Date.now() / 1000) * 1000),
      observations: [{ observedAt: new Date(minute), elements: { '20': 1.5, '26': 812.3, '3B': 312.47 } }],
      ...overrides,
    });
  };

  /** A real RTU's report is confirmed (M2) on this connection. */
  const served = async (conn: Awaited<ReturnType<typeof open>>, message = report({ serial: 900 })) => {
    conn.socket.write(encodeMessage(message)[0]);
    await waitFor('the confirmation', () => conn.received.length >= encodeAck(message).length);
    expect(conn.received).toEqual(encodeAck(message));
  };

  it('caps the connections from one address, and still serves an RTU from another', async () => {
    const port = await start({ maxPerAddress: 20 });
    const flood = await Promise.all(Array.from({ length: 30 }, () => open(port)));
    await waitFor('the connections over the cap closed', () => flood.filter((c) => c.closed).length === 10);
    await served(await open(port, '127.0.0.2'));
  });

  it('closes a connection that trickles bytes without ever completing a frame (slowloris)', async () => {
    const port = await start({ idleTimeoutMs: 300 });
    const slow = await open(port);
    const frame = encodeMessage(report())[0];
    let sent = 0;
    // A byte every 50 ms, never the last one: each byte would have restarted an idle timer of 300 ms.
    const trickle = setInterval(
      () => !slow.closed && sent < frame.length - 1 && slow.socket.write(frame.subarray(sent, ++sent)),
      50,
    );
    try {
      await waitFor('the slow connection closed', () => slow.closed);
    } finally {
      clearInterval(trickle);
    }
    expect(sent).toBeLessThan(frame.length - 1);
  });

  it('holds at most two unfinished multi-packet messages per connection', async () => {
    const port = await start();
    const packetsOf = (stationAddress: string, serial: number) =>
      encodeMessage(
        report({
          serial,
          stationAddress,
          functionCode: '31',
          timeStepMinutes: 5,
          observations: Array.from({ length: 12 }, (_, i) => ({
            observedAt: new Date(Math.floor(Date.now() / 300_000) * 300_000 - (12 - i) * 300_000),
            elements: { '3B': 310 + i / 100 },
          })),
        }),
        { maxBodyLength: 40 },
      );
    const first = packetsOf('4311240007', 1);
    expect(first.length).toBeGreaterThan(2);
    const conn = await open(port);
    // The first message stays unfinished while two more start: it is dropped, so its last packet completes nothing.
    conn.socket.write(Buffer.concat(first.slice(0, -1)));
    conn.socket.write(packetsOf('4311240008', 2)[0]);
    conn.socket.write(packetsOf('4311240009', 3)[0]);
    conn.socket.write(first.at(-1)!);
    // Frames of a connection are handled in order: the next report's confirmation comes after any for the first.
    await served(conn);
  });

  it('logs a frame with a bad CRC in the reject log', async () => {
    const port = await start();
    const conn = await open(port);
    const frame = Buffer.from(encodeMessage(report())[0]);
    frame[frame.length - 1] ^= 0xff;
    conn.socket.write(frame);
    await waitFor('the reject', () => rejects.length === 1);
    expect(rejects[0]).toEqual({ topic: 'sl651/tcp', reason: 'bad_frame' });
    await served(conn);
  });
});
