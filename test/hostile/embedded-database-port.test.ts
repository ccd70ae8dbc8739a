import { mkdtempSync, rmSync } from 'node:fs';
import { connect as connectSocket, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { protocolMessage, startEmbeddedDatabase, startupMessage, type EmbeddedDatabase } from '@yz/platform';

/**
 * Found while trying to break the embedded database's loopback port, which serves PGlite's single session to
 * several connections in turn:
 * - any process on the machine could connect, with any password, and read or change everything;
 * - one that sent its startup message and then nothing held the session, and one that left then wedged it for good:
 *   every statement of the system (ingest, alerts, the API) waited forever;
 * - psql's usual start (an SSL request, then the startup message in a later packet) was misread, with the same effect;
 * - a message of a type no client sends trapped PGlite, and the process exited;
 * - one that left inside a transaction after a failed statement left that transaction open for the next connection.
 */
describe('the embedded database port', () => {
  let dir: string;
  let db: EmbeddedDatabase;
  let client: pg.Client;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yz-db-port-'));
    db = await startEmbeddedDatabase(dir);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await client?.end();
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The client's next answer, or a failure after 5 s: without the fixes these waited forever. */
  const answer = async (sql: string) => {
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('no answer within 5 s'), 5_000));
    return Promise.race([client.query(sql).then((r) => r.rows), timeout]);
  };

  const socket = async () => {
    const s = connectSocket(Number(new URL(db.url).port), '127.0.0.1');
    s.on('error', () => undefined);
    sockets.push(s);
    await new Promise<void>((resolve) => s.once('connect', resolve));
    return s;
  };

  /** A raw client past the password, its replies not yet read. */
  const session = async () => {
    const s = await socket();
    const ready = reply(s, 'Z');
    s.write(
      Buffer.concat([startupMessage('postgres', 'postgres'), protocolMessage('p', `${new URL(db.url).password}\0`)]),
    );
    await ready;
    return s;
  };

  it('refuses a client without the password made at start', async () => {
    for (const password of ['postgres', `${new URL(db.url).password}x`]) {
      const url = new URL(db.url);
      url.password = password;
      const stranger = new pg.Client({ connectionString: url.toString() });
      await expect(stranger.connect()).rejects.toThrow(/password authentication failed/);
    }
    expect(await answer('SELECT 1 AS n')).toEqual([{ n: 1 }]);
  });

  it('serves its clients while strangers say nothing, half a message, or only their startup, and when they leave', async () => {
    const startup = startupMessage('postgres', 'postgres');
    const said = [Buffer.alloc(0), startup.subarray(0, 10), startup, Buffer.concat([startup, Buffer.from('p\0\0')])];
    const strangers = await Promise.all(said.map(() => socket()));
    strangers.forEach((s, i) => s.write(said[i]));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await answer('SELECT 2 AS n')).toEqual([{ n: 2 }]);
    for (const s of strangers) s.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await answer('SELECT 3 AS n')).toEqual([{ n: 3 }]);
  });

  it('starts a client that sends its startup message only after the answer to its SSL request', async () => {
    const s = await socket();
    const declined = reply(s, 'N');
    const ssl = Buffer.alloc(8);
    ssl.writeInt32BE(8, 0);
    ssl.writeInt32BE(80877103, 4);
    s.write(ssl);
    await declined;
    const asked = reply(s, 'R');
    s.write(startupMessage('postgres', 'postgres'));
    await asked;
    expect(await answer('SELECT 4 AS n')).toEqual([{ n: 4 }]);
  });

  it('ends a connection that sends a message of no known type, and goes on', async () => {
    const s = await session();
    const closed = new Promise((resolve) => s.once('close', resolve));
    s.write(protocolMessage('@', 'junk'));
    await closed;
    expect(await answer('SELECT 5 AS n')).toEqual([{ n: 5 }]);
  });

  it('serves the next connection after one vanished in the middle of a failed statement', async () => {
    const s = await session();
    const failed = reply(s, 'no_such_table');
    s.write(protocolMessage('P', '\0SELECT * FROM no_such_table\0\0\0'));
    s.write(protocolMessage('B', '\0\0\0\0\0\0\0\0'));
    s.write(protocolMessage('E', '\0\0\0\0\0'));
    await failed; // PGlite now skips everything up to a Sync, the next connection's messages too
    s.destroy();
    expect(await answer('SELECT 6 AS n')).toEqual([{ n: 6 }]);
  });

  it('rolls back the transaction of a connection that vanished after a failed statement in it', async () => {
    await client.query('CREATE TABLE left_open (n int)');
    const s = await session();
    const inTransaction = reply(s, 'Z');
    s.write(protocolMessage('Q', 'BEGIN; INSERT INTO left_open VALUES (1)\0'));
    await inTransaction;
    const failed = reply(s, 'no_such_table');
    s.write(protocolMessage('P', '\0SELECT * FROM no_such_table\0\0\0'));
    await failed;
    s.destroy();
    expect(await answer('SELECT count(*)::int AS n FROM left_open')).toEqual([{ n: 0 }]);
  });

  it("keeps a reply whole while its client is slow to read, whatever the next connection's statement returns", async () => {
    // A client that sends two statements and reads nothing: the first reply (32 MB) fills the socket, so the second
    // (0.5 MB, in PGlite's reply buffer, which the next statement reuses) waits in the worker to be sent.
    const s = await session();
    s.pause();
    s.write(
      Buffer.concat([
        protocolMessage('Q', "SELECT repeat('x', 32000000)\0"),
        protocolMessage('Q', "SELECT repeat('a', 500000)\0"),
      ]),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await answer("SELECT length(repeat('b', 500000)) AS n")).toEqual([{ n: 500_000 }]);
    const chunks: Buffer[] = [];
    s.on('data', (d: Buffer) => chunks.push(d));
    s.resume();
    await vi.waitFor(() => expect(messagesOf(Buffer.concat(chunks)).filter((m) => m.type === 'Z')).toHaveLength(2));
    const rows = messagesOf(Buffer.concat(chunks)).filter((m) => m.type === 'D');
    // A DataRow: field count (2 bytes), then the field's length (4) and bytes.
    expect(rows[1].body.subarray(6).toString()).toBe('a'.repeat(500_000));
  });
});

/** Resolves once `text` appears in what the socket receives. */
function reply(s: Socket, text: string): Promise<void> {
  return new Promise((resolve) => {
    const seen = (d: Buffer) => d.includes(text) && (s.off('data', seen), resolve());
    s.on('data', seen);
  });
}

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
