import { mkdtempSync, rmSync } from 'node:fs';
import { connect as connectSocket, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';
import { protocolMessage } from './wire-server.js';

/**
 * The wire server hands each message to PGlite's execProtocol (execProtocolRaw kept every parsed reply on the
 * heap): replies, errors and large results still reach the client as PostgreSQL sends them. Several connections
 * share PGlite's one session: each statement and transaction runs whole.
 */
describe('embedded database wire server', () => {
  let dir: string;
  let db: EmbeddedDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wire-server-'));
    db = await startEmbeddedDatabase(dir);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('returns an error to the client and goes on serving the same connection', async () => {
    await expect(client.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    await expect(client.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
    expect((await client.query('SELECT $1::int + 1 AS n', [41])).rows).toEqual([{ n: 42 }]);
  });

  it('returns large results whole, query after query', async () => {
    for (let i = 0; i < 3; i++) {
      const { rows } = await client.query<{ n: number }>('SELECT n FROM generate_series(1, 50000) AS n');
      expect(rows.length).toBe(50_000);
      expect(rows[49_999].n).toBe(50_000);
    }
  });

  const connected = async () => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    return c;
  };

  it('serves several connections at once, each statement with its own parameters and answer', async () => {
    const others = await Promise.all([connected(), connected()]);
    try {
      const clients = [client, ...others];
      const answers = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          clients[i % 3].query<{ n: number; s: string }>('SELECT $1::int AS n, repeat($2, $1::int) AS s', [i, 'x']),
        ),
      );
      answers.forEach(({ rows: [row] }, i) => expect(row).toEqual({ n: i, s: 'x'.repeat(i) }));
    } finally {
      await Promise.all(others.map((c) => c.end()));
    }
  });

  it("runs a transaction whole: another connection's statement waits for its commit", async () => {
    const other = await connected();
    try {
      await client.query('CREATE TABLE tx_whole (n int)');
      await client.query('BEGIN');
      await client.query('INSERT INTO tx_whole VALUES (1)');
      const counted = other.query<{ n: number }>('SELECT count(*)::int AS n FROM tx_whole');
      await client.query('INSERT INTO tx_whole VALUES (2)');
      await client.query('COMMIT');
      // Run inside the open transaction, it would have counted 1.
      expect((await counted).rows).toEqual([{ n: 2 }]);
    } finally {
      await other.end();
    }
  });

  it("keeps a reply whole while its client is slow to read, whatever the next connection's statement returns", async () => {
    // A client that sends two statements and reads nothing: the first reply (32 MB) fills the socket, so the second
    // (0.5 MB, in PGlite's reply buffer, which the next statement reuses) waits in this process to be sent.
    const raw = await rawSession();
    raw.pause();
    raw.write(
      Buffer.concat([
        protocolMessage('Q', "SELECT repeat('x', 32000000)\0"),
        protocolMessage('Q', "SELECT repeat('a', 500000)\0"),
      ]),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await client.query("SELECT length(repeat('b', 500000)) AS n")).rows).toEqual([{ n: 500_000 }]);
    const chunks: Buffer[] = [];
    raw.on('data', (d: Buffer) => chunks.push(d));
    raw.resume();
    await vi.waitFor(() => expect(messagesOf(Buffer.concat(chunks)).filter((m) => m.type === 'Z')).toHaveLength(2));
    const rows = messagesOf(Buffer.concat(chunks)).filter((m) => m.type === 'D');
    // A DataRow: field count (2 bytes), then the field's length (4) and bytes.
    expect(rows[1].body.subarray(6).toString()).toBe('a'.repeat(500_000));
    raw.destroy();
  });

  it('rolls back what a connection that vanished left open, and serves the next', async () => {
    await client.query('CREATE TABLE vanished (n int)');
    const leaving = await connected();
    leaving.on('error', () => undefined);
    await leaving.query('BEGIN');
    await leaving.query('INSERT INTO vanished VALUES (1)');
    (leaving as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await client.query('SELECT count(*)::int AS n FROM vanished')).rows).toEqual([{ n: 0 }]);
  });

  it('serves the next connection after one vanished in the middle of a failed statement', async () => {
    // A raw client: a statement that fails (PGlite then skips all until a Sync), then gone unsynced.
    const raw = await rawSession();
    const reply = (text: string) =>
      new Promise<void>((resolve) => raw.on('data', (d) => d.includes(text) && resolve()));
    const answered = reply('no_such_table');
    raw.write(protocolMessage('P', '\0SELECT * FROM no_such_table\0\0\0'));
    raw.write(protocolMessage('B', '\0\0\0\0\0\0\0\0'));
    raw.write(protocolMessage('E', '\0\0\0\0\0'));
    await answered;
    raw.destroy();
    expect((await client.query('SELECT $1::int + 1 AS n', [1])).rows).toEqual([{ n: 2 }]);
  });

  /** A raw protocol client, started and past the password (any password does), its replies not yet read. */
  async function rawSession(): Promise<Socket> {
    const raw = connectSocket(Number(new URL(db.url).port), '127.0.0.1');
    await new Promise<void>((resolve) => raw.once('connect', resolve));
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const startup = Buffer.alloc(8 + params.length);
    startup.writeInt32BE(startup.length, 0);
    startup.writeInt32BE(196608, 4); // protocol 3.0
    params.copy(startup, 8);
    const reply = (text: string) =>
      new Promise<void>((resolve) => {
        const seen = (d: Buffer) => d.includes(text) && (raw.off('data', seen), resolve());
        raw.on('data', seen);
      });
    const asked = reply('R'); // the password request
    raw.write(startup);
    await asked;
    const ready = reply('Z'); // ReadyForQuery after any password
    raw.write(protocolMessage('p', `md5${'0'.repeat(32)}\0`));
    await ready;
    return raw;
  }
});

/** The protocol messages in `buf` (replies: each with a type byte), as far as they are whole. */
function messagesOf(buf: Buffer): { type: string; body: Buffer }[] {
  const messages: { type: string; body: Buffer }[] = [];
  for (let at = 0; at + 5 <= buf.length;) {
    const end = at + 1 + buf.readInt32BE(at + 1);
    if (end > buf.length) break;
    messages.push({ type: String.fromCharCode(buf[at]), body: buf.subarray(at + 5, end) });
    at = end;
  }
  return messages;
}
