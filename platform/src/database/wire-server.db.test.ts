import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';

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

  it('rolls back what a connection that vanished left open, and serves the next', async () => {
    await client.query('CREATE TABLE vanished (n int)');
    const leaving = await connected();
    leaving.on('error', () => undefined);
    await leaving.query('BEGIN');
    await leaving.query('INSERT INTO vanished VALUES (1)');
    (leaving as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await client.query('SELECT count(*)::int AS n FROM vanished')).rows).toEqual([{ n: 0 }]);
  });
});
