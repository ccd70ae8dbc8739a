import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '@yz/platform';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL, reachable } from '../../../test/support/system.js';
import { float8Array, int4Array, timestamptzArray } from './binary-arrays.js';

const postgresUp = await reachable(POSTGRES_URL);

/** The database reads back exactly what was sent, at the edges of each type and of the time encoding. */
describe.each([
  ['the embedded database', false],
  ['PostgreSQL', true],
])('binary array parameters on %s', (_, onPostgres) => {
  let dir: string | undefined;
  let embedded: EmbeddedDatabase | undefined;
  let client: pg.Client;

  beforeAll(async () => {
    if (onPostgres && !postgresUp) return;
    if (!onPostgres) {
      dir = mkdtempSync(join(tmpdir(), 'binary-arrays-'));
      embedded = await startEmbeddedDatabase(dir);
    }
    client = new pg.Client(embedded?.url ?? POSTGRES_URL);
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await embedded?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const roundTrip = async (param: Buffer, type: string) =>
    (await client.query<{ v: unknown }>(`SELECT unnest($1::${type}) AS v`, [param])).rows.map((r) => r.v);

  // Read back as epoch microseconds, in text: exact, and free of the driver's parsing of far-off years.
  const epochUsOf = async (times: Date[]) =>
    (
      await client.query<{ us: string }>(
        `SELECT (extract(epoch FROM v) * 1000000)::bigint::text AS us FROM unnest($1::timestamptz[]) AS v`,
        [timestamptzArray(times)],
      )
    ).rows.map((r) => r.us);

  it.skipIf(onPostgres && !postgresUp)(
    'keeps times to the microsecond, before and after 2000 and far out',
    async () => {
      const times = [
        '2026-06-01T00:00:00.999Z',
        '2026-06-01T00:01:00.001Z',
        '2000-01-01T00:00:00.000Z',
        '1999-12-31T23:59:59.999Z',
        '1970-01-01T00:00:00.000Z',
        '2400-02-29T12:34:56.789Z',
        // Beyond 2,283 years of 2000, where the microseconds no longer fit a double exactly.
        '+010000-01-01T00:00:00.001Z',
        '-001000-06-01T23:59:59.999Z',
      ].map((t) => new Date(t));
      expect(await epochUsOf(times)).toEqual(times.map((t) => String(BigInt(t.getTime()) * 1000n)));
      expect(await epochUsOf([])).toEqual([]);
    },
  );

  it.skipIf(onPostgres && !postgresUp)('keeps integers and floats exactly', async () => {
    const ints = [0, 1, -1, 2_147_483_647, -2_147_483_648, 1294];
    expect(await roundTrip(int4Array(ints), 'int[]')).toEqual(ints);
    const floats = [0, 123.45, -0.001, 1e-300, 1.7976931348623157e308, 0.1 + 0.2];
    expect(await roundTrip(float8Array(floats), 'float8[]')).toEqual(floats);
  });
});
