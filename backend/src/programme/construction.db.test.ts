import { ConflictException } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, type OpenDatabase } from '@yz/platform';
import { sql } from 'kysely';
import { generateRegistry, loadConstruction, loadProgramme, loadRegistry, seedIfEmpty } from '@yz/seeds';
import type { AuthUser } from '../common/auth-user.js';
import { AreaScope } from '../common/scope.js';
import { fromFen, sumFen, toFen } from '@yz/domain';
import { ProgrammeEvents } from './programme.events.js';
import { ProgrammeRepository } from './programme.repository.js';
import { ProgrammeService } from './programme.service.js';
import { temporaryDatabase } from '../../../test/support/embedded-database.js';

/**
 * Telemetry and dam-monitoring construction next to the reinforcement programme, on the embedded database: a
 * database with reinforcement projects only gets the construction projects from seedIfEmpty, once; the API
 * default stays reinforcement; budgets, stages, shares and sums follow the kind.
 */
describe('construction projects on the embedded database', () => {
  let db: OpenDatabase;
  let service: ProgrammeService;
  const planner: AuthUser = { id: 1, username: 'planner1', displayName: 'P', role: 'planner', areaCode: null };
  const now = new Date('2026-03-31T04:00:00Z');
  const registry = generateRegistry();
  const small1 = registry.reservoirs.filter((r) => r.scale === 'small1').length;

  const counts = async () => {
    const { rows } = await sql<{ kind: string; n: number }>`
      SELECT kind, count(*)::int AS n FROM projects GROUP BY kind ORDER BY kind`.execute(db.db);
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  };

  beforeAll(async () => {
    db = await temporaryDatabase('construction');
    // The whole registry without sensors and persons (quick to load), then the reinforcement programme only: a
    // database from before the construction projects.
    const light = {
      ...registry,
      reservoirs: registry.reservoirs.map((r) => ({ ...r, sensors: [], responsiblePersons: [] })),
    };
    await loadRegistry(db.db, light);
    await loadProgramme(db.db, registry.projects, registry.reservoirs);
    service = new ProgrammeService(new ProgrammeRepository(db.db), new ProgrammeEvents());
  }, 300_000);

  afterAll(async () => {
    await db?.close();
  });

  it('seedIfEmpty adds the construction projects to a database with reinforcement only, and only once', async () => {
    expect(await counts()).toEqual({ reinforcement: 480 });
    expect(await seedIfEmpty(db.db)).toBe(false);
    const after = await counts();
    expect(after).toEqual({ dam_monitoring: 401, reinforcement: 480, telemetry: 1290 });
    const ledger = async () =>
      (
        await sql<{ a: number; e: number }>`
          SELECT (SELECT count(*)::int FROM funding_allocations) AS a, (SELECT count(*)::int FROM funding_expenditures) AS e`.execute(
          db.db,
        )
      ).rows[0];
    const before = await ledger();
    await seedIfEmpty(db.db);
    await loadConstruction(db.db, registry.reservoirs); // idempotent by reservoir, kind and natural keys
    expect(await counts()).toEqual(after);
    expect(await ledger()).toEqual(before);
  });

  it('lists reinforcement by default; kind= selects telemetry, dam monitoring or all', async () => {
    expect(await service.list(AreaScope.of(planner), {}, now)).toHaveLength(480);
    const telemetry = await service.list(AreaScope.of(planner), { kind: 'telemetry' }, now);
    expect(telemetry).toHaveLength(1290);
    expect(telemetry.every((p) => p.kind === 'telemetry' && p.scale !== 'medium')).toBe(true);
    for (const p of telemetry) expect(p.budget).toBe(p.scale === 'small1' ? '80000.00' : '60000.00');
    expect(sumFen(telemetry.map((p) => toFen(p.budget)))).toBe(
      BigInt(small1) * 8_000_000n + BigInt(1290 - small1) * 6_000_000n,
    );
    const monitoring = await service.list(AreaScope.of(planner), { kind: 'dam_monitoring' }, now);
    expect(monitoring).toHaveLength(401);
    expect(monitoring.every((p) => p.budget === '300000.00')).toBe(true);
    expect(await service.list(AreaScope.of(planner), { kind: 'all' }, now)).toHaveLength(2171);
    // Bond-funded: no central share expected, and the seeded ledger keeps to it.
    expect(telemetry.every((p) => p.shareCheck.ok && p.shareCheck.expectedCentralShare === '0.0000')).toBe(true);
    expect(telemetry.every((p) => p.allocatedBySource.central === '0.00')).toBe(true);
  });

  it('sums telemetry per county exactly as the project rows, and groups by kind', async () => {
    const telemetry = await service.list(AreaScope.of(planner), { kind: 'telemetry' }, now);
    const perCounty = new Map<string, { budget: bigint; allocated: bigint; spent: bigint; n: number }>();
    for (const p of telemetry) {
      const acc = perCounty.get(p.county) ?? { budget: 0n, allocated: 0n, spent: 0n, n: 0 };
      acc.budget += toFen(p.budget);
      acc.allocated += toFen(p.allocated);
      acc.spent += toFen(p.spent);
      acc.n += 1;
      perCounty.set(p.county, acc);
    }
    const summary = await service.summary(AreaScope.of(planner), { groupBy: 'county', kind: 'telemetry' });
    expect(summary).toHaveLength(perCounty.size);
    for (const g of summary) {
      const acc = perCounty.get(g.group)!;
      expect([g.projects, g.budget, g.allocated.total, g.spent]).toEqual([
        acc.n,
        fromFen(acc.budget),
        fromFen(acc.allocated),
        fromFen(acc.spent),
      ]);
    }
    const byKind = await service.summary(AreaScope.of(planner), { groupBy: 'kind', kind: 'all' });
    expect(byKind.map((g) => [g.group, g.projects])).toEqual([
      ['dam_monitoring', 401],
      ['reinforcement', 480],
      ['telemetry', 1290],
    ]);
    expect(byKind.find((g) => g.group === 'dam_monitoring')!.budget).toBe('120300000.00');
    const defaultSummary = await service.summary(AreaScope.of(planner), { groupBy: 'county' });
    expect(defaultSummary.reduce((n, g) => n + g.projects, 0)).toBe(480);
  });

  it('moves a telemetry project through its own stages and keeps money within a kind', async () => {
    const [p] = await service.list(AreaScope.of(planner), { kind: 'telemetry', stage: 'commissioning' }, now);
    expect(p).toBeDefined();
    await expect(
      service.changeStage(planner, AreaScope.of(planner), p!.id, { stage: 'final_acceptance' }),
    ).rejects.toBeInstanceOf(ConflictException);
    const done = await service.changeStage(planner, AreaScope.of(planner), p!.id, { stage: 'acceptance' });
    expect([done.stage, done.overdue, done.actualFinish !== null]).toEqual(['acceptance', false, true]);
    const reinforcement = (await service.list(AreaScope.of(planner), { county: p!.county }, now)).find(
      (r) => toFen(r.unspent) > 0n,
    );
    const telemetry = (await service.list(AreaScope.of(planner), { kind: 'telemetry', county: p!.county }, now)).find(
      (r) => toFen(r.unspent) > 0n && r.id !== p!.id,
    );
    if (reinforcement && telemetry) {
      await expect(
        service.transfer(planner, AreaScope.of(planner), {
          fromProjectId: telemetry.id,
          toProjectId: reinforcement.id,
          amount: '1.00',
          reason: 'r',
        }),
      ).rejects.toThrow(/same kind/);
    }
  });

  it('migrates down to reinforcement only and up again', async () => {
    const migration = MIGRATIONS['1732300000800-construction-kinds']!;
    await migration.down!(db.db);
    const { n } = await db.db
      .selectFrom('projects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(480);
    await migration.up(db.db);
    expect(await counts()).toEqual({ reinforcement: 480 });
    await loadConstruction(db.db, registry.reservoirs);
    expect(await counts()).toEqual({ dam_monitoring: 401, reinforcement: 480, telemetry: 1290 });
  });
});
