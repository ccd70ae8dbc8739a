import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user.js';
import type { AreaScope } from '../common/scope.js';
import type { Sql } from '../common/sql.js';
import {
  kindOf,
  type AllocationDto,
  type ExpenditureDto,
  type FundingSummaryQueryDto,
  type ProjectListQueryDto,
  type StageChangeDto,
  type TransferDto,
} from './dto/programme.dto.js';
import {
  beijingDate,
  DONE_STAGES,
  nextAppraisalDue,
  fromFen,
  SOURCES,
  stageChangeError,
  stageStep,
  toFen,
  type FundingSource,
} from '@yz/domain';
import type { FundingRowDto, ProjectDetailDto } from './dto/project.dto.js';
import { projectView, sourceFen, summarise, type ProjectView } from './programme-view.js';
import { ProgrammeEvents, type ProjectEvent } from './programme.events.js';
import { ProgrammeRepository, type ProjectRow } from './programme.repository.js';

@Injectable()
export class ProgrammeService {
  constructor(
    private readonly repo: ProgrammeRepository,
    private readonly events: ProgrammeEvents,
  ) {}

  async list(scope: AreaScope, q: ProjectListQueryDto, now = new Date()): Promise<ProjectView[]> {
    const today = beijingDate(now);
    const rows = await this.repo.list({
      scope: scope.narrow(q.county),
      stage: q.stage ?? null,
      kind: kindOf(q.kind),
    });
    const views = rows.map((r) => projectView(r, today));
    return q.overdue === undefined ? views : views.filter((v) => v.overdue === (q.overdue === 'true'));
  }

  async detail(scope: AreaScope, id: number, now = new Date()): Promise<ProjectDetailDto> {
    const row = await this.findInScope(scope, id);
    const [stageChanges, allocations, expenditures, transfers] = await Promise.all([
      this.repo.stageChanges(id),
      this.repo.allocations(id),
      this.repo.expenditures(id),
      this.repo.transfers(id),
    ]);
    return { ...projectView(row, beijingDate(now)), stageChanges, allocations, expenditures, transfers };
  }

  async summary(scope: AreaScope, q: FundingSummaryQueryDto): Promise<FundingRowDto[]> {
    const rows = await this.repo.list({ scope: scope.narrow(q.county), stage: null, kind: kindOf(q.kind) });
    return summarise(rows, q.groupBy ?? 'county');
  }

  /** Moves a project to another stage; only the next stage goes without a reason. Recorded and audited. */
  async changeStage(
    user: AuthUser,
    scope: AreaScope,
    id: number,
    dto: StageChangeDto,
    now = new Date(),
  ): Promise<ProjectView> {
    const view = await this.inTransaction('stage', async (tx) => {
      await this.findInScope(scope, id, tx);
      await this.repo.lock(tx, [id]);
      const before = (await this.repo.find(scope, id, tx))!;
      const error = stageChangeError(before.stage, dto.stage, dto.reason, before.kind);
      if (error) throw new ConflictException(error);
      const reason = dto.reason?.trim() || null;
      const done = DONE_STAGES.includes(dto.stage);
      await this.repo.setStage(tx, id, dto.stage, done ? 'set' : DONE_STAGES.includes(before.stage) ? 'clear' : 'keep');
      const changeId = await this.repo.addStageChange(tx, {
        projectId: id,
        from: before.stage,
        to: dto.stage,
        reason,
        by: user.username,
      });
      const after = (await this.repo.find(scope, id, tx))!;
      if (after.kind === 'reinforcement' && done && !DONE_STAGES.includes(before.stage) && after.actualFinish) {
        // Accepted: the restriction is lifted and the next appraisal falls due five years on.
        const facts = await this.repo.appraisalFacts(tx, after.reservoirCode);
        const next = nextAppraisalDue({ ...facts, reinforcementAcceptedOn: after.actualFinish });
        await this.repo.setNextAppraisal(tx, after.reservoirCode, next);
      }
      await this.repo.audit(tx, {
        username: user.username,
        entity: 'project',
        entityId: id,
        action: `stage:${stageStep(before.stage, dto.stage, before.kind)}`,
        before: { stage: before.stage, actualFinish: before.actualFinish },
        after: { stage: after.stage, actualFinish: after.actualFinish, reason, stageChangeId: changeId },
      });
      return [projectView(after, beijingDate(now))];
    });
    return view[0]!;
  }

  async addAllocation(
    user: AuthUser,
    scope: AreaScope,
    id: number,
    dto: AllocationDto,
    now = new Date(),
  ): Promise<ProjectView> {
    const amount = positiveAmount(dto.amount);
    const views = await this.inTransaction('allocation', async (tx) => {
      await this.findInScope(scope, id, tx);
      await this.repo.lock(tx, [id]);
      const entry = {
        projectId: id,
        source: dto.source,
        amount,
        allocatedOn: dto.allocatedOn,
        document: dto.document?.trim() || null,
      };
      const allocationId = await this.repo.addAllocation(tx, { ...entry, by: user.username });
      await this.repo.audit(tx, {
        username: user.username,
        entity: 'funding_allocation',
        entityId: allocationId,
        action: 'create',
        before: null,
        after: entry,
      });
      return [projectView((await this.repo.find(scope, id, tx))!, beijingDate(now))];
    });
    return views[0]!;
  }

  /** An expenditure may not exceed what the project has been allocated and not yet spent. */
  async addExpenditure(
    user: AuthUser,
    scope: AreaScope,
    id: number,
    dto: ExpenditureDto,
    now = new Date(),
  ): Promise<ProjectView> {
    const amount = positiveAmount(dto.amount);
    const views = await this.inTransaction('expenditure', async (tx) => {
      await this.findInScope(scope, id, tx);
      await this.repo.lock(tx, [id]);
      const unspent = unspentFen((await this.repo.find(scope, id, tx))!);
      if (toFen(amount) > unspent) {
        throw new ConflictException(
          `The expenditure exceeds the project's unspent allocation of ${fromFen(unspent)} CNY`,
        );
      }
      const entry = { projectId: id, amount, spentOn: dto.spentOn, description: dto.description.trim() };
      const expenditureId = await this.repo.addExpenditure(tx, { ...entry, by: user.username });
      await this.repo.audit(tx, {
        username: user.username,
        entity: 'funding_expenditure',
        entityId: expenditureId,
        action: 'create',
        before: null,
        after: entry,
      });
      return [projectView((await this.repo.find(scope, id, tx))!, beijingDate(now))];
    });
    return views[0]!;
  }

  /**
   * Re-allocates funds between two projects of the same area (the policy allows it within a county), at most
   * the from-project's unspent allocation and at most what it holds from the chosen source.
   */
  async transfer(user: AuthUser, scope: AreaScope, dto: TransferDto, now = new Date()) {
    if (dto.fromProjectId === dto.toProjectId) throw new BadRequestException('A transfer needs two different projects');
    const amount = positiveAmount(dto.amount);
    const fen = toFen(amount);
    let transfer: TransferResult | undefined;
    await this.inTransaction('transfer', async (tx) => {
      const from = await this.findInScope(scope, dto.fromProjectId, tx);
      const to = await this.findInScope(scope, dto.toProjectId, tx);
      if (from.county !== to.county) {
        throw new ConflictException('Funds may be re-allocated only between projects of the same county-level area');
      }
      // Reinforcement money (central + local) and construction money (provincial bonds) are separate budgets.
      if (from.kind !== to.kind) {
        throw new ConflictException('Funds may be re-allocated only between projects of the same kind');
      }
      await this.repo.lock(tx, [from.id, to.id]);
      const locked = (await this.repo.find(scope, from.id, tx))!;
      const unspent = unspentFen(locked);
      if (fen > unspent) {
        throw new ConflictException(
          `The transfer exceeds the from-project's unspent allocation of ${fromFen(unspent)} CNY`,
        );
      }
      const bySource = sourceFen(locked);
      const source: FundingSource = dto.source ?? largestSource(bySource);
      if (fen > bySource[source]) {
        throw new ConflictException(`The from-project holds only ${fromFen(bySource[source])} CNY of ${source} funds`);
      }
      const entry = { from: from.id, to: to.id, source, amount, reason: dto.reason.trim() };
      const { id: transferId, transferredAt } = await this.repo.addTransfer(tx, { ...entry, by: user.username });
      await this.repo.touch(tx, [from.id, to.id]);
      await this.repo.audit(tx, {
        username: user.username,
        entity: 'funding_transfer',
        entityId: transferId,
        action: 'create',
        before: null,
        after: entry,
      });
      const today = beijingDate(now);
      const fromView = projectView((await this.repo.find(scope, from.id, tx))!, today);
      const toView = projectView((await this.repo.find(scope, to.id, tx))!, today);
      transfer = {
        id: transferId,
        fromProjectId: from.id,
        toProjectId: to.id,
        source,
        amount,
        reason: entry.reason,
        transferredAt,
        from: fromView,
        to: toView,
      };
      return [fromView, toView];
    });
    return transfer!;
  }

  /** Runs the change in one transaction, then (only after commit) tells listeners about each changed project. */
  private async inTransaction(
    kind: ProjectEvent['kind'],
    work: (tx: Sql) => Promise<ProjectView[]>,
  ): Promise<ProjectView[]> {
    const views = await this.repo.transaction(work);
    for (const project of views) this.events.emit('project', { kind, project });
    return views;
  }

  /** Another area's project is "not found", not "forbidden". */
  private async findInScope(scope: AreaScope, id: number, tx?: Sql): Promise<ProjectRow> {
    const row = await this.repo.find(scope, id, tx);
    if (!row) throw new NotFoundException(`No project ${id}`);
    return row;
  }
}

export interface TransferResult {
  id: number;
  fromProjectId: number;
  toProjectId: number;
  source: FundingSource;
  amount: string;
  reason: string;
  transferredAt: Date;
  from: ProjectView;
  to: ProjectView;
}

function positiveAmount(amount: string): string {
  const fen = toFen(amount);
  if (fen <= 0n) throw new BadRequestException('amount must be greater than 0');
  return fromFen(fen);
}

function unspentFen(r: ProjectRow): bigint {
  const s = sourceFen(r);
  return SOURCES.reduce((a, src) => a + s[src], 0n) - toFen(r.spent);
}

function largestSource(s: Record<FundingSource, bigint>): FundingSource {
  return SOURCES.reduce((best, src) => (s[src] > s[best] ? src : best), SOURCES[0]);
}
