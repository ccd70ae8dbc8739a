import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { eventLoopSlices } from './event-loop-slices.js';

/** Holds the thread for `ms`, as a step of a province-wide loop does. */
const work = (ms: number) => {
  for (const end = performance.now() + ms; performance.now() < end;);
};

describe('event-loop slices', () => {
  const closers: (() => void)[] = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));

  /** A connected socket with `alarm` already sent to it, waiting in the kernel to be read. */
  async function waitingSocket(): Promise<Socket> {
    const server = createServer((s) => s.end('alarm'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    closers.push(
      () => client.destroy(),
      () => server.close(),
    );
    await once(client, 'connect');
    await new Promise((r) => setTimeout(r, 20));
    return client;
  }

  it('reads a socket during a long loop, not after it', async () => {
    const socket = await waitingSocket();
    let readAt: number | undefined;
    let step = 0;
    socket.on('data', () => (readAt ??= step));
    const pause = eventLoopSlices(5);
    for (; step < 60; step++) {
      await pause();
      work(1);
    }
    expect(readAt).toBeGreaterThan(0);
    expect(readAt).toBeLessThan(60);
  });

  it('does not stop a loop that finishes within a slice', async () => {
    const socket = await waitingSocket();
    let read = false;
    socket.on('data', () => (read = true));
    const pause = eventLoopSlices(1_000);
    for (let step = 0; step < 20; step++) await pause();
    expect(read).toBe(false);
  });
});
