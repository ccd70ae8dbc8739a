import { mkdtempSync, rmSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type OpenDatabase } from '@yz/platform';
import { dayStartBefore } from '@yz/domain';
import { generateRegistry, loadRegistry } from '@yz/seeds';
import { AreaScope } from '../common/scope.js';
import { ReservoirsRepository } from './reservoirs.repository.js';

const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const up = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(SERVER);
  const s = netConnect(Number(port || 5432), hostname, () => resolve(!!s.end()));
  s.on('error', () => resolve(false));
});

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

/**
 * Plain PostgreSQL (no TimescaleDB): the overview's rain per reservoir reads the last 24 hours through the time
 * index, not the whole readings table (it used to filter on the view's date_bin bucket), and sums what it did.
 */
describe.skipIf(!up)('rain accumulations on plain PostgreSQL', () => {
  const name = `yz_rain_${process.pid}_${Date.now().toString(36)}`;
  let dir: string;
  let db: OpenDatabase;
  let logged: Kysely<Database>;
  let url: string;
  const queries: CompiledQuery[] = [];

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const u = new URL(SERVER);
    u.pathname = `/${name}`;
    url = u.toString();
    dir = mkdtempSync(join(tmpdir(), 'rain-window-'));
    db = await openDatabase({ databaseUrl: url, dataDir: dir }, { log() {}, warn() {} });
    const registry = generateRegistry(undefined, 100);
    await loadRegistry(db.db, { ...registry, reservoirs: registry.reservoirs.slice(0, 40) });
    // 30 days of 5-minute rain at every gauge, 0.5 mm each: 24 h of it is a thirtieth of the table.
    await sql`INSERT INTO readings (time, sensor_id, value)
      SELECT t, s.id, 0.5 FROM sensors s,
        generate_series(date_trunc('hour', now()) - INTERVAL '30 days', now(), INTERVAL '5 minutes') t
      WHERE s.type = 'rainfall'`.execute(db.db);
    await sql`ANALYZE readings`.execute(db.db);
    logged = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
      log: (event) => void queries.push(event.query),
    });
  }, 120_000);

  afterAll(async () => {
    await logged?.destroy();
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('sums the last 1, 3, 6 and 24 clock hours', async () => {
    const repo = new ReservoirsRepository(logged, { timescale: false });
    const rows = await repo.rainAccumulations(AreaScope.CITY, new Date(dayStartBefore(Date.now())));
    expect(rows).toHaveLength(40);
    const { rows: now } = await sql<{ minutes: number }>`
      SELECT extract(minute FROM now())::int AS minutes`.execute(db.db);
    const thisHour = Math.floor(now[0].minutes / 5) + 1; // readings at :00, :05, … up to now
    for (const r of rows) {
      expect(Number(r.h1)).toBeCloseTo(0.5 * thisHour, 5);
      expect(Number(r.h24)).toBeCloseTo(0.5 * (23 * 12 + thisHour), 5);
    }
  });

  it('reads the readings through the time index', async () => {
    queries.length = 0;
    await new ReservoirsRepository(logged, { timescale: false }).rainAccumulations(
      AreaScope.CITY,
      new Date(dayStartBefore(Date.now())),
    );
    const [query] = queries;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client
      .query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.sql}`, [...query.parameters])
      .finally(() => client.end());
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).not.toMatch(/Seq Scan on readings/);
    expect(plan).toMatch(/Index.*readings[\s\S]*Index Cond: .*time/);
  });
});
