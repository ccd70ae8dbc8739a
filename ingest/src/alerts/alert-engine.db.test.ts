import { AREAS, type AlertChange, type ReservoirSeed } from '@yz/domain';
import { changeAlertByHand, type Database, type OpenDatabase } from '@yz/platform';
import { generateRegistry, loadRegistry } from '@yz/seeds';
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ValidReading } from '../telemetry/payload.js';
import { AlertEngine } from './alert-engine.js';
import { temporaryDatabase } from '../../../test/support/embedded-database.js';

/**
 * Counts the statements that write (INSERT / UPDATE), the cost a verdict that changes nothing must not have. The
 * flood outlook kept for each water-level reading is the flood feature's record, not a verdict: not counted.
 */
class WriteCounter implements KyselyPlugin {
  writes = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    const { node } = args;
    const outlook = node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'flood_outlooks';
    if ((node.kind === 'InsertQueryNode' && !outlook) || node.kind === 'UpdateQueryNode') this.writes++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result;
  }
}

describe('alert engine on the embedded database', () => {
  let open: OpenDatabase;
  let db: Kysely<Database>;
  let engine: AlertEngine;
  const counter = new WriteCounter();
  const changes: AlertChange[] = [];
  const reservoirs: ReservoirSeed[] = generateRegistry().reservoirs.slice(0, 3);
  const sensorIds = new Map<string, number>();
  let minute = 0;

  const reading = (r: ReservoirSeed, sensorCode: string, value: number): ValidReading => {
    const sensorId = sensorIds.get(`${r.code}|${sensorCode}`)!;
    const type = sensorCode === 'WL1' ? 'water_level' : sensorCode === 'RG1' ? 'rainfall' : 'battery_voltage';
    return {
      reservoirCode: r.code,
      sensorId,
      sensorCode,
      type,
      value,
      time: new Date(Date.now() - 3_600_000 + minute++ * 60_000),
    };
  };
  const quiet = (r: ReservoirSeed) => [
    reading(r, 'WL1', r.levels.normalLevel - 1),
    reading(r, 'RG1', 0),
    reading(r, 'BV1', 12.6),
  ];

  beforeAll(async () => {
    open = await temporaryDatabase('alert-engine');
    await loadRegistry(open.db, {
      reservoirs: reservoirs.map((r) => ({ ...r, responsiblePersons: [] })),
      projects: [],
      areas: AREAS,
    });
    for (const s of await open.db.selectFrom('sensors').select(['id', 'reservoir_code', 'code']).execute()) {
      sensorIds.set(`${s.reservoir_code}|${s.code}`, s.id);
    }
    db = open.db.withPlugin(counter);
    engine = new AlertEngine(db);
    await engine.start();
    engine.on('alert', (c) => changes.push(c));
  }, 300_000);

  afterAll(async () => {
    engine?.stop();
    await open?.close();
  });

  /** An engine of its own whose raw statements are listed in `reads`; its alerts go to `changes`. */
  const spiedEngine = async (options: { keepsLevels?: boolean } = {}) => {
    const reads: string[] = [];
    const spy = open.db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'RawNode') reads.push(args.node.sqlFragments.join('?'));
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const spied = new AlertEngine(spy, options);
    await spied.start();
    spied.on('alert', (c) => changes.push(c));
    reads.length = 0;
    return { engine: spied, reads };
  };

  /** The raw statements an engine of its own makes judging `readings` once committed. */
  const readsOfPass = async (readings: ValidReading[]): Promise<string[]> => {
    const { engine: spied, reads } = await spiedEngine();
    await spied.onStored(readings);
    await spied.idle();
    spied.stop();
    return reads;
  };

  const store = (readings: ValidReading[]) =>
    open.db
      .insertInto('readings')
      .values(readings.map((r) => ({ sensor_id: r.sensorId, time: r.time, value: r.value })))
      .execute();
  const savedOutlook = (code: string) =>
    open.db.selectFrom('flood_outlooks').select('outlook').where('reservoir_code', '=', code).executeTakeFirstOrThrow();

  beforeEach(() => {
    counter.writes = 0;
    changes.length = 0;
  });

  it('judges no station silent while the source is still replaying the past, then does', async () => {
    const station = `${reservoirs[2].code}-RW`;
    await db
      .updateTable('stations')
      .set({ last_report_at: new Date(Date.now() - 5 * 3_600_000) })
      .where('code', '=', station)
      .execute();
    let caughtUp!: () => void;
    engine.holdOfflineSweep(new Promise<void>((resolve) => (caughtUp = resolve)));
    await engine.sweepOffline();
    expect(changes.filter((c) => c.alert.ruleKey === `offline:${station}`)).toEqual([]);
    caughtUp();
    await Promise.resolve();
    await engine.sweepOffline();
    expect(changes.find((c) => c.alert.ruleKey === `offline:${station}`)?.action).toBe('open');
  });

  it('judges a station that never reported offline two intervals after it was registered', async () => {
    const [dead, fresh] = [reservoirs[0], reservoirs[1]].map((r) => `${r.code}-RW`);
    const set = (code: string, values: { monitored_since?: Date | null; last_report_at?: Date | null }) =>
      db.updateTable('stations').set(values).where('code', '=', code).execute();
    const offline = (code: string) => changes.filter((c) => c.alert.ruleKey === `offline:${code}`).map((c) => c.action);
    await set(dead, { monitored_since: new Date(Date.now() - 3 * 3_600_000), last_report_at: null });
    // Registered half an hour ago: not silent long enough. Registered before that was recorded: not judged.
    await set(fresh, { monitored_since: new Date(Date.now() - 30 * 60_000), last_report_at: null });
    await engine.sweepOffline();
    await set(fresh, { monitored_since: null });
    await engine.sweepOffline();
    expect(offline(dead)).toEqual(['open']);
    expect(offline(fresh)).toEqual([]);
    // Its first report clears it.
    await set(dead, { last_report_at: new Date() });
    await engine.sweepOffline();
    expect(offline(dead)).toEqual(['open', 'resolve']);
  });

  it('judges quiet readings without a single write', async () => {
    for (let i = 0; i < 20; i++) {
      const batch = reservoirs.flatMap(quiet);
      engine.onArrival(batch);
      await engine.onStored(batch);
    }
    await engine.idle();
    expect(counter.writes).toBe(0);
    expect(changes).toEqual([]);
  });

  it('opens an alert on arrival, before the reading is committed, then writes nothing while it holds', async () => {
    const r = reservoirs[0];
    engine.onArrival([reading(r, 'WL1', r.levels.designFloodLevel + 0.5)]);
    await engine.idle();
    expect(changes.map((c) => [c.action, c.alert.reservoirCode, c.alert.ruleKey])).toEqual([
      ['open', r.code, 'water_level'],
    ]);
    const writes = counter.writes;
    engine.onArrival([reading(r, 'WL1', r.levels.designFloodLevel + 0.6)]);
    await engine.idle();
    expect(counter.writes).toBe(writes);

    engine.onArrival([reading(r, 'WL1', r.levels.normalLevel - 1)]);
    await engine.idle();
    expect(changes.map((c) => c.action)).toEqual(['open', 'resolve']);
  });

  it('ignores a late reading older than one already judged', async () => {
    const r = reservoirs[1];
    const late = reading(r, 'WL1', r.levels.designFloodLevel + 0.5);
    engine.onArrival([reading(r, 'WL1', r.levels.normalLevel - 1)]);
    engine.onArrival([late]);
    await engine.idle();
    expect(changes).toEqual([]);
  });

  it('opens again once a person resolved the alert by hand in another process', async () => {
    const r = reservoirs[2];
    engine.onArrival([reading(r, 'WL1', r.levels.designFloodLevel + 0.5)]);
    await engine.idle();
    const opened = changes.find((c) => c.action === 'open')!;
    expect(await changeAlertByHand(open.db, opened.alert.id, 'resolve', 'admin', 'checked on site')).not.toBeNull();
    await engine.reload();
    engine.onArrival([reading(r, 'WL1', r.levels.designFloodLevel + 0.5)]);
    await engine.idle();
    expect(changes.map((c) => c.action)).toEqual(['open', 'open']);
  });

  it('judges rain totals from committed readings, every gauge of a pass in one read', async () => {
    const [a, b] = reservoirs;
    const rain = [reading(a, 'RG1', 40), reading(a, 'RG1', 35), reading(b, 'RG1', 1)];
    await store(rain);
    const reads = await readsOfPass(rain);
    expect(reads.filter((q) => q.includes("INTERVAL '24 hours'"))).toHaveLength(1);
    // 75 mm within the hour: one alert for the gauge, at the highest grade any window reached; 1 mm elsewhere: none.
    expect(changes.map((c) => [c.action, c.alert.reservoirCode, c.alert.ruleKey, c.alert.severity])).toEqual([
      ['open', a.code, 'rain:RG1', 'major'],
    ]);
  });

  it("reads every reservoir's flood outlook of a pass at once, each at its own reading", async () => {
    // The first reservoir rose 10 cm over its last three levels; the others have no recent level.
    const [a] = reservoirs;
    const levels = [0, 1, 2].map((i) => reading(a, 'WL1', a.levels.normalLevel - 1 + i * 0.05));
    await store(levels);
    const pass = [levels[2], ...reservoirs.slice(1).flatMap(quiet)];
    const reads = await readsOfPass(pass);
    expect(reads.filter((q) => q.includes("s.type = 'water_level'"))).toHaveLength(1);
    const saved = await open.db.selectFrom('flood_outlooks').select(['reservoir_code', 'at', 'outlook']).execute();
    const outlookOf = (code: string) => saved.find((o) => o.reservoir_code === code);
    expect(outlookOf(a.code)?.at).toEqual(levels[2].time);
    expect(outlookOf(a.code)?.outlook).toMatchObject({ level: levels[2].value, hoursTo: expect.any(Object) });
    for (const r of reservoirs.slice(1)) expect(outlookOf(r.code)?.outlook).toMatchObject({ level: null });
  });

  it("reads a reservoir's levels once when it stores every level, and foresees as from the database", async () => {
    const [a] = reservoirs;
    const levelRead = (q: string) => q.includes("s.type = 'water_level'");
    // Levels half an hour apart: the window spans the hour that a rate of rise needs.
    const at = (r: ValidReading, minutesAgo: number) => ({ ...r, time: new Date(Date.now() - minutesAgo * 60_000) });
    const first = [0, 1, 2].map((i) => at(reading(a, 'WL1', a.levels.normalLevel - 1 + i * 0.05), 150 - i * 30));
    await store(first);
    await open.db.deleteFrom('flood_outlooks').execute(); // another test's newer outlook would be kept
    const { engine: keeping, reads } = await spiedEngine({ keepsLevels: true });
    await keeping.onStored([first[2]]);
    expect(reads.filter(levelRead)).toHaveLength(1);

    // Then a level rises 30 cm: it is noted as committed, and the next pass reads no levels.
    const next = at(reading(a, 'WL1', a.levels.normalLevel - 0.6), 30);
    await store([next]);
    keeping.noteStored([next]);
    reads.length = 0;
    await keeping.onStored([next]);
    await keeping.idle();
    keeping.stop();
    expect(reads.filter(levelRead)).toEqual([]);
    const fromMemory = (await savedOutlook(a.code)).outlook;

    // The same pass by an engine reading its levels from the database foresees the same.
    await open.db.deleteFrom('flood_outlooks').execute();
    await readsOfPass([next]);
    expect((await savedOutlook(a.code)).outlook).toEqual(fromMemory);
    expect(fromMemory).toMatchObject({ level: next.value, hoursTo: expect.any(Object) });
  });
});
