import { createHmac } from 'node:crypto';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { expect, it } from 'vitest';
import { waitFor } from '../support/processes.js';
import { describeOnPostgres } from '../support/postgres-suite.js';

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** Logins, tokens and sessions under attack: forged proxy headers, stolen database dumps, deleted users. */
describeOnPostgres('hostile logins and sessions', (suite) => {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(suite.sys.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const me = async (token: string) => (await suite.sys.get('/api/auth/me', token)).status;
  const createUser = async (username: string, password: string) => {
    const res = await suite.sys.post<{ id: number }>('/api/users', suite.admin, {
      username,
      displayName: username,
      password,
      role: 'duty_officer',
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const login = async (username: string, password: string) =>
    (await suite.sys.post<Tokens>('/api/auth/login', null, { username, password })).body;

  it('keeps limiting failed logins when every request forges another X-Forwarded-For', async () => {
    await createUser('victim', 'victim-pass-1');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const forged = { 'x-forwarded-for': `203.0.113.${i + 1}` };
      statuses.push((await post('/api/auth/login', { username: 'victim', password: `guess-${i}` }, forged)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    // The right password waits too while the username is backed off: guessing gains nothing.
    const right = await post('/api/auth/login', { username: 'victim', password: 'victim-pass-1' }, {});
    expect(right.status).toBe(429);
  });

  it('refreshes a session with its HttpOnly cookie and ends it on logout', async () => {
    await createUser('night', 'night-pass-1');
    const res = await post('/api/auth/login', { username: 'night', password: 'night-pass-1' });
    const tokens = (await res.json()) as Tokens;
    expect(tokens.expiresIn).toBeLessThanOrEqual(15 * 60);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^yz_refresh=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    const jar = { cookie: cookie.split(';')[0] };
    // A new tab has no access token, only the cookie.
    const refreshed = await post('/api/auth/refresh', {}, jar);
    expect(refreshed.status).toBe(200);
    const fresh = (await refreshed.json()) as Tokens;
    expect(await me(fresh.accessToken)).toBe(200);
    const out = await post('/api/auth/logout', {}, { ...jar, authorization: `Bearer ${fresh.accessToken}` });
    expect(out.status).toBe(204);
    expect((await post('/api/auth/refresh', {}, jar)).status).toBe(401);
    expect((await post('/api/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
    expect(await me(fresh.accessToken)).toBe(401);
    expect(await me(tokens.accessToken)).toBe(401);
  });

  it('revokes every token on a password change, except the new session', async () => {
    await createUser('changer', 'changer-pass-1');
    const laptop = await login('changer', 'changer-pass-1');
    const phone = await login('changer', 'changer-pass-1');
    const changed = await suite.sys.post<Tokens>('/api/auth/password', laptop.accessToken, {
      currentPassword: 'changer-pass-1',
      newPassword: 'changer-pass-2',
    });
    expect(changed.status).toBe(200);
    expect(await me(laptop.accessToken)).toBe(401);
    expect(await me(phone.accessToken)).toBe(401);
    expect((await post('/api/auth/refresh', { refreshToken: phone.refreshToken })).status).toBe(401);
    expect(await me(changed.body.accessToken)).toBe(200);
    expect((await post('/api/auth/login', { username: 'changer', password: 'changer-pass-1' })).status).toBe(401);
    expect((await post('/api/auth/login', { username: 'changer', password: 'changer-pass-2' })).status).toBe(200);
  });

  it("revokes a deleted user's tokens at once", async () => {
    const id = await createUser('leaver', 'leaver-pass-1');
    const tokens = await login('leaver', 'leaver-pass-1');
    expect(await me(tokens.accessToken)).toBe(200);
    const socket: Socket = io(suite.sys.url, { auth: { token: tokens.accessToken }, transports: ['websocket'] });
    let dropped = false;
    socket.on('disconnect', () => (dropped = true));
    await waitFor('the socket connects', async () => socket.connected);
    expect(
      (
        await fetch(`${suite.sys.url}/api/users/${id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${suite.admin}` },
        })
      ).status,
    ).toBe(204);
    expect(await me(tokens.accessToken)).toBe(401);
    expect((await post('/api/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
    try {
      // Its live connection is dropped too (tokens are checked again every 30 s).
      await waitFor('the socket dropped', async () => dropped, 45_000);
    } finally {
      socket.disconnect();
    }
  });

  it('cannot be forged from a database dump', async () => {
    const client = new pg.Client({ connectionString: suite.sys.databaseUrl });
    await client.connect();
    let stored: string;
    try {
      const { rows } = await client.query<{ value: string }>("SELECT value FROM settings WHERE key = 'jwt_secret'");
      stored = rows[0].value;
      const sessions = await client.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
      // Refresh tokens are stored hashed: a dump holds none of them.
      const { refreshToken } = await login('admin', suite.sys.adminPassword);
      expect(sessions.rows.map((r) => r.token_hash)).not.toContain(refreshToken.split('.')[1]);
    } finally {
      await client.end();
    }
    const [, payload] = suite.admin.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const forged = `${header}.${payload}`;
    const signature = createHmac('sha256', stored).update(forged).digest('base64url');
    expect(await me(`${forged}.${signature}`)).toBe(401);
    expect(await me(suite.admin)).toBe(200);
  });
});
