import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';

/**
 * The wire server hands each message to PGlite's execProtocol (execProtocolRaw kept every parsed reply on the
 * heap): replies, errors and large results still reach the client as PostgreSQL sends them.
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
});
