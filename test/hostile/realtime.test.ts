import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes.js';
import { startSystem, type RunningSystem } from '../support/system.js';

/** Any logged-in user controls the Socket.IO handshake: no shape of it may take the process down. */
describe('hostile Socket.IO handshakes', () => {
  let sys: RunningSystem;
  let token: string;

  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.login();
  });
  afterAll(() => sys?.stop());

  const handshakes = () => [
    { token, reservoir: { toString: 'x' } },
    { token, reservoir: ['a', 'b'] },
    { token, reservoir: 42 },
    { token, reservoir: 'x'.repeat(10_000) },
    { token: { toString: 'x' } },
    { token: [token] },
  ];

  it('refuses malformed handshakes and keeps serving', async () => {
    for (const auth of handshakes()) {
      const socket: Socket = io(sys.url, { auth, transports: ['websocket'], reconnection: false });
      let refused = '';
      socket.on('connect_error', (err) => (refused = err.message));
      socket.on('disconnect', (reason) => (refused = reason));
      try {
        await waitFor(`refused ${JSON.stringify(auth).slice(0, 60)}`, async () => refused !== '');
        expect(socket.connected).toBe(false);
      } finally {
        socket.disconnect();
      }
    }
    const health = await sys.get<{ status: string }>('/api/health', '');
    expect(health.status).toBe(200);
    // A well-formed client still connects after them.
    const good: Socket = io(sys.url, { auth: { token }, transports: ['websocket'] });
    try {
      await waitFor('a good client connects', async () => good.connected);
    } finally {
      good.disconnect();
    }
    expect(sys.output()).not.toMatch(/TypeError/);
  });
});
