import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase } from './embedded-database.js';

/** PGlite runs its WASM synchronously: in a worker thread, so a long statement leaves this thread's event loop free. */
describe('embedded database in a worker thread', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'embedded-database-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers timers in the main thread while a long statement runs', async () => {
    const db = await startEmbeddedDatabase(join(dir, 'lag'));
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      let longestGap = 0;
      let last = performance.now();
      const ticker = setInterval(() => {
        const now = performance.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
      }, 10);
      const started = performance.now();
      await client.query('SELECT sum(sqrt(n)) FROM generate_series(1, 6000000) AS n');
      const took = performance.now() - started;
      clearInterval(ticker);
      // In the main thread the event loop stood still for the whole statement (the gap was about `took`).
      expect(took).toBeGreaterThan(1000);
      expect(longestGap).toBeLessThan(300);
    } finally {
      await client.end();
      await db.close();
    }
  });

  it('keeps what was written across a close and a reopen', async () => {
    const dataDir = join(dir, 'reopen');
    const first = await startEmbeddedDatabase(dataDir);
    const writer = new pg.Client({ connectionString: first.url });
    await writer.connect();
    await writer.query('CREATE TABLE kept (n int)');
    await writer.query('INSERT INTO kept SELECT generate_series(1, 1000)');
    await writer.end();
    await first.close();
    await first.close(); // a second close is harmless

    const second = await startEmbeddedDatabase(dataDir);
    const reader = new pg.Client({ connectionString: second.url });
    await reader.connect();
    try {
      expect((await reader.query('SELECT count(*)::int AS n FROM kept')).rows).toEqual([{ n: 1000 }]);
    } finally {
      await reader.end();
      await second.close();
    }
  });

  it("rejects with the worker's error when the database cannot start", async () => {
    const notADirectory = join(dir, 'a-file');
    writeFileSync(notADirectory, '');
    await expect(startEmbeddedDatabase(notADirectory)).rejects.toThrow(/EEXIST|ENOTDIR/);
  });
});
