import { ConflictException, NotFoundException } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@yz/platform';
import { sql } from 'kysely';
import { generateRegistry, loadProgramme, loadRegistry } from '@yz/seeds';
import type { AuthUser } from '../common/auth-user.js';
import { AreaScope } from '../common/scope.js';
import { addYears, fromFen, sumFen, toFen } from '@yz/domain';
import { ProgrammeEvents, type ProjectEvent } from './programme.events.js';
import { ProgrammeRepository } from './programme.repository.js';
import { ProgrammeService } from './programme.service.js';
import { temporaryDatabase } from '../../../test/support/embedded-database.js';

/** The programme against the embedded database: migration, seed load, ledger rules, scoping, reconciliation. */
describe('programme on the embedded database', () => {
  let db: OpenDatabase;
  let service: ProgrammeService;
  const events: ProjectEvent[] = [];
  const planner: AuthUser = { id: 1, username: 'planner1', displayName: 'P', role: 'planner', areaCode: null };
  const daoPlanner: AuthUser = { ...planner, username: 'dao', areaCode: '431124' };
  const now = new Date('2026-03-31T04:00:00Z');
  let expected = 0;

  beforeAll(async () => {
    db = await temporaryDatabase('programme');
    // Two areas' programme reservoirs, without sensors and persons: enough for the ledger, quick to load.
    const full = generateRegistry();
    const areas = new Set(['431124', '431102']);
    const projects = full.projects.filter((p) => areas.has(p.reservoirCode.slice(0, 6)));
    const codes = new Set(projects.map((p) => p.reservoirCode));
    const reservoirs = full.reservoirs
      .filter((r) => codes.has(r.code))
      .map((r) => ({ ...r, sensors: [], responsiblePersons: [] }));
    const registry = { areas: full.areas, reservoirs, projects };
    expected = projects.length;
    await loadRegistry(db.db, registry);
    await loadProgramme(db.db, registry.projects, registry.reservoirs);
    await loadProgramme(db.db, registry.projects, registry.reservoirs); // idempotent
    const programmeEvents = new ProgrammeEvents();
    programmeEvents.on('project', (e) => events.push(e));
    service = new ProgrammeService(new ProgrammeRepository(db.db), programmeEvents);
  }, 300_000);

  afterAll(async () => {
    await db?.close();
  });

  const ledgerTotals = async () => {
    const { rows } = await sql<{ allocated: string; spent: string; budget: string; projects: number }>`
      SELECT (SELECT coalesce(sum(amount), 0)::numeric(16,2)::text FROM funding_allocations) AS allocated,
             (SELECT coalesce(sum(amount), 0)::numeric(16,2)::text FROM funding_expenditures) AS spent,
             (SELECT sum(budget)::text FROM projects) AS budget,
             (SELECT count(*)::int FROM projects) AS projects`.execute(db.db);
    return rows[0]!;
  };

  it('loads the projects once, and the summary reconciles with the ledger rows to the fen', async () => {
    const t = await ledgerTotals();
    expect(t.projects).toBe(expected);
    for (const groupBy of ['county', 'year'] as const) {
      const s = await service.summary(AreaScope.of(planner), { groupBy });
      expect(s.reduce((n, g) => n + g.projects, 0)).toBe(expected);
      expect(fromFen(sumFen(s.map((g) => toFen(g.allocated.total))))).toBe(t.allocated);
      expect(fromFen(sumFen(s.map((g) => toFen(g.spent!))))).toBe(t.spent);
      expect(fromFen(sumFen(s.map((g) => toFen(g.budget!))))).toBe(t.budget);
    }
    const bySource = await service.summary(AreaScope.of(planner), { groupBy: 'source' });
    expect(fromFen(sumFen(bySource.map((g) => toFen(g.allocated.total))))).toBe(t.allocated);
  });

  it('lists with filters and flags; an area user sees only the area', async () => {
    const all = await service.list(AreaScope.of(planner), {}, now);
    expect(all).toHaveLength(expected);
    expect(all.some((p) => !p.shareCheck.ok)).toBe(true);
    const overdue = await service.list(AreaScope.of(planner), { overdue: 'true' }, now);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((p) => p.overdue && !['completion_acceptance', 'final_acceptance'].includes(p.stage))).toBe(
      true,
    );
    const dao = await service.list(AreaScope.of(daoPlanner), {}, now);
    expect(dao.length).toBeGreaterThan(0);
    expect(dao.every((p) => p.county === '431124')).toBe(true);
    expect(await service.list(AreaScope.of(daoPlanner), { county: '431102' }, now)).toEqual([]);
    const other = all.find((p) => p.county !== '431124')!;
    await expect(service.detail(AreaScope.of(daoPlanner), other.id)).rejects.toBeInstanceOf(NotFoundException);
    const mine = await service.detail(AreaScope.of(daoPlanner), dao[0]!.id);
    expect(mine.allocations.length).toBeGreaterThan(0);
  });

  it('enforces the stage order, records the change and the audit, and emits after commit', async () => {
    const [p] = await service.list(AreaScope.of(planner), { stage: 'tendering' }, now);
    expect(p).toBeDefined();
    await expect(
      service.changeStage(planner, AreaScope.of(planner), p!.id, { stage: 'final_acceptance' }),
    ).rejects.toBeInstanceOf(ConflictException);
    const v = await service.changeStage(planner, AreaScope.of(planner), p!.id, { stage: 'construction' });
    expect(v.stage).toBe('construction');
    const back = await service.changeStage(planner, AreaScope.of(planner), p!.id, {
      stage: 'tendering',
      reason: '中标人放弃，重新招标',
    });
    expect(back.stage).toBe('tendering');
    const d = await service.detail(AreaScope.of(planner), p!.id);
    expect(d.stageChanges.map((c) => [c.from, c.to, c.reason])).toEqual([
      ['tendering', 'construction', null],
      ['construction', 'tendering', '中标人放弃，重新招标'],
    ]);
    const audit = await db.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'project')
      .where('entity_id', '=', String(p!.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['stage:next', 'stage:backward']);
    expect(events.filter((e) => e.kind === 'stage').map((e) => e.project.stage)).toEqual(['construction', 'tendering']);
  });

  it('schedules the next appraisal five years after the reinforcement is accepted', async () => {
    const [p] = await service.list(AreaScope.of(planner), { stage: 'construction' }, now);
    const accepted = await service.changeStage(planner, AreaScope.of(planner), p!.id, {
      stage: 'completion_acceptance',
    });
    const r = await db.db
      .selectFrom('reservoirs')
      .select('next_appraisal')
      .where('code', '=', p!.reservoirCode)
      .executeTakeFirstOrThrow();
    expect(r.next_appraisal).toBe(addYears(accepted.actualFinish!, 5));
  });

  it('books allocations and expenditures exactly, refusing to spend more than arrived', async () => {
    const [p] = await service.list(AreaScope.of(planner), { stage: 'tendering' }, now);
    const before = toFen(p!.allocated);
    const after = await service.addAllocation(planner, AreaScope.of(planner), p!.id, {
      source: 'county',
      amount: '0.10',
      allocatedOn: '2026-03-01',
    });
    expect(toFen(after.allocated) - before).toBe(10n);
    const unspent = toFen(after.unspent);
    await expect(
      service.addExpenditure(planner, AreaScope.of(planner), p!.id, {
        amount: fromFen(unspent + 1n),
        spentOn: '2026-03-02',
        description: 'x',
      }),
    ).rejects.toBeInstanceOf(ConflictException);
    const spent = await service.addExpenditure(planner, AreaScope.of(planner), p!.id, {
      amount: '0.20',
      spentOn: '2026-03-02',
      description: '测量费',
    });
    expect(toFen(spent.spent) - toFen(p!.spent)).toBe(20n);
  });

  it('transfers within an area only, up to the unspent allocation, and keeps the totals', async () => {
    const all = await service.list(AreaScope.of(planner), {}, now);
    const withMoney = all.filter((p) => toFen(p.unspent) > 0n);
    const from = withMoney[0]!;
    const to = all.find((p) => p.county === from.county && p.id !== from.id)!;
    const elsewhere = all.find((p) => p.county !== from.county)!;
    const { allocated: totalBefore } = await ledgerTotals();
    await expect(
      service.transfer(planner, AreaScope.of(planner), {
        fromProjectId: from.id,
        toProjectId: elsewhere.id,
        amount: '1.00',
        reason: 'r',
      }),
    ).rejects.toBeInstanceOf(ConflictException);
    await expect(
      service.transfer(planner, AreaScope.of(planner), {
        fromProjectId: from.id,
        toProjectId: to.id,
        amount: fromFen(toFen(from.unspent) + 1n),
        reason: 'r',
      }),
    ).rejects.toBeInstanceOf(ConflictException);
    const t = await service.transfer(planner, AreaScope.of(planner), {
      fromProjectId: from.id,
      toProjectId: to.id,
      amount: '1000.00',
      reason: '结余调剂',
    });
    expect(toFen(from.allocated) - toFen(t.from.allocated)).toBe(100000n);
    expect(toFen(t.to.allocated) - toFen(to.allocated)).toBe(100000n);
    const s = await service.summary(AreaScope.of(planner), { groupBy: 'county' });
    expect(fromFen(sumFen(s.map((g) => toFen(g.allocated.total))))).toBe(totalBefore);
    await expect(
      service.transfer(
        daoPlanner,
        AreaScope.of(daoPlanner.areaCode === from.county ? { areaCode: '431102' } : daoPlanner),
        {
          fromProjectId: from.id,
          toProjectId: to.id,
          amount: '1.00',
          reason: 'r',
        },
      ),
    ).rejects.toBeInstanceOf(NotFoundException);
  });
});
