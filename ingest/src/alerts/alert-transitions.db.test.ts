import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AREAS, type AlertChange, type ReservoirSeed } from '@yz/domain';
import { openDatabase, type OpenDatabase } from '@yz/platform';
import { generateRegistry, loadRegistry } from '@yz/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from '../../../test/support/processes.js';
import { POSTGRES_URL, reachable } from '../../../test/support/system.js';
import type { ValidReading } from '../telemetry/payload.js';
import { AlertEngine } from './alert-engine.js';

/**
 * On a server database a transition's commit can wait: on a row lock, or behind the burst's commits. An alert
 * opening must not wait behind another alert's transition: each alert's transitions keep their order, different
 * alerts' go side by side.
 */
describe.skipIf(!(await reachable(POSTGRES_URL)))('alert transitions on PostgreSQL', () => {
  const reservoirs: ReservoirSeed[] = generateRegistry().reservoirs.slice(0, 2);
  const sensorIds = new Map<string, number>();
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let dir: string;
  let open: OpenDatabase;
  let engine: AlertEngine;
  let minute = 0;

  const level = (r: ReservoirSeed, value: number): ValidReading => ({
    reservoirCode: r.code,
    sensorId: sensorIds.get(r.code)!,
    sensorCode: 'WL1',
    type: 'water_level',
    value,
    time: new Date(Date.now() - 3_600_000 + minute++ * 60_000),
  });

  beforeAll(async () => {
    scratch = await scratchDatabase(POSTGRES_URL, `yz_transitions_${process.pid}_${Date.now().toString(36)}`);
    dir = mkdtempSync(join(tmpdir(), 'alert-transitions-'));
    open = await openDatabase({ databaseUrl: scratch.url, dataDir: dir }, { log() {}, warn() {} });
    await loadRegistry(open.db, {
      reservoirs: reservoirs.map((r) => ({ ...r, responsiblePersons: [] })),
      projects: [],
      areas: AREAS,
    });
    const sensors = await open.db.selectFrom('sensors').select(['id', 'reservoir_code']).where('code', '=', 'WL1');
    for (const s of await sensors.execute()) sensorIds.set(s.reservoir_code, s.id);
    engine = new AlertEngine(open.db);
    await engine.start();
  });

  afterAll(async () => {
    engine?.stop();
    await open?.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens an alert while another alert's transition waits on a lock", async () => {
    const [held, other] = reservoirs;
    engine.onArrival([level(held, held.levels.designFloodLevel + 0.5)]);
    await engine.idle();

    // Another session holds the open alert's row: its resolution waits for that session to end.
    const holder = await scratch.pool.connect();
    const changes: AlertChange[] = [];
    engine.on('alert', (c) => changes.push(c));
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM alerts WHERE reservoir_code = $1 FOR UPDATE', [held.code]);
      engine.onArrival([level(held, held.levels.normalLevel - 1)]);
      engine.onArrival([level(other, other.levels.designFloodLevel + 0.5)]);
      await expect
        .poll(() => changes.map((c) => [c.action, c.alert.reservoirCode]), { timeout: 10_000 })
        .toEqual([['open', other.code]]);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    await engine.idle();
    expect(changes.map((c) => [c.action, c.alert.reservoirCode])).toEqual([
      ['open', other.code],
      ['resolve', held.code],
    ]);
  });
});
