import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user.js';
import { writeAudit } from '../common/audit-log.js';
import type { AreaScope } from '../common/scope.js';
import type { Sql } from '../common/sql.js';
import {
  addDays,
  addYears,
  beijingDate,
  defaultNextDue,
  firstAppraisalDue,
  isAppraisalOverdue,
  isDueThisYear,
  NEW_PROJECT_YEARS,
  nextDueError,
  standardBudget,
  toFen,
  yearBounds,
} from '@yz/domain';
import { ProgrammeEvents } from '../programme/programme.events.js';
import { ProgrammeService } from '../programme/programme.service.js';
import type {
  AppraisalHistoryDto,
  AppraisalListQueryDto,
  AppraisalRecordedDto,
  AppraisalScheduleDto,
  RecordAppraisalDto,
} from './appraisals.dto.js';
import { AppraisalsRepository, type ScheduleRow } from './appraisals.repository.js';

@Injectable()
export class AppraisalsService {
  constructor(
    private readonly repo: AppraisalsRepository,
    private readonly programme: ProgrammeService,
    private readonly events: ProgrammeEvents,
  ) {}

  async schedule(scope: AreaScope, q: AppraisalListQueryDto, now = new Date()): Promise<AppraisalScheduleDto[]> {
    const today = beijingDate(now);
    const [first, last] = yearBounds(today);
    const range =
      q.due === 'this-year'
        ? { from: first, to: last }
        : q.due === 'overdue'
          ? { from: null, to: addDays(today, -1) }
          : { from: null, to: null };
    const rows = await this.repo.schedule({ scope: scope.narrow(q.county), ...range });
    return rows.map((r) => scheduleView(r, today));
  }

  async history(scope: AreaScope, code: string, now = new Date()): Promise<AppraisalHistoryDto> {
    const reservoir = await this.repo.reservoir(scope, code);
    if (!reservoir) throw new NotFoundException(`No reservoir ${code}`);
    return { ...scheduleView(reservoir, beijingDate(now)), appraisals: await this.repo.history(code) };
  }

  /**
   * Records a result, moves the reservoir's schedule on (only when it is its latest appraisal), and lets a
   * category-3 (dangerous) result open a reinforcement project at stage 'appraisal' when the reservoir has none.
   */
  async record(
    user: AuthUser,
    scope: AreaScope,
    dto: RecordAppraisalDto,
    now = new Date(),
  ): Promise<AppraisalRecordedDto> {
    const nextDue = dto.nextDue ?? defaultNextDue(dto.appraisedOn);
    const dueError = nextDueError(dto.appraisedOn, nextDue);
    if (dueError) throw new BadRequestException(dueError);
    if (dto.appraisedOn > beijingDate(now)) throw new BadRequestException('appraisedOn must not be in the future');
    const result = await this.repo.transaction(async (tx) => {
      await this.repo.lockReservoir(tx, dto.reservoirCode);
      const before = await this.repo.reservoir(scope, dto.reservoirCode, tx);
      if (!before) throw new NotFoundException(`No reservoir ${dto.reservoirCode}`);
      let projectId: number | null = null;
      if (dto.damCategory === 3 && before.projectId === null) {
        projectId = await this.openProject(tx, user, before, dto);
      }
      const appraisal = await this.repo.insert(tx, {
        reservoirCode: dto.reservoirCode,
        appraisedOn: dto.appraisedOn,
        damCategory: dto.damCategory,
        conclusion: dto.conclusion.trim(),
        nextDue,
        projectId,
        recordedBy: user.username,
      });
      await writeAudit(tx, {
        username: user.username,
        entity: 'appraisal',
        entityId: appraisal.id,
        action: 'create',
        before: null,
        after: appraisal,
      });
      const latest = before.lastAppraisal === null || dto.appraisedOn >= before.lastAppraisal;
      if (latest) {
        const state = { lastAppraisal: dto.appraisedOn, nextAppraisal: nextDue, damCategory: dto.damCategory };
        await this.repo.updateReservoir(tx, dto.reservoirCode, state);
        await writeAudit(tx, {
          username: user.username,
          entity: 'reservoir',
          entityId: dto.reservoirCode,
          action: 'appraisal',
          before: {
            lastAppraisal: before.lastAppraisal,
            nextAppraisal: before.nextAppraisal,
            damCategory: before.damCategory,
          },
          after: state,
        });
      }
      return { appraisal, reservoir: await this.repo.reservoir(scope, dto.reservoirCode, tx) };
    });
    if (result.appraisal.projectId !== null) await this.announce(scope, result.appraisal.projectId);
    return { ...result.appraisal, schedule: scheduleView(result.reservoir!, beijingDate(now)) };
  }

  private async openProject(tx: Sql, user: AuthUser, r: ScheduleRow, dto: RecordAppraisalDto): Promise<number> {
    const standard = standardBudget(r.scale);
    const budget = dto.budget ?? standard;
    if (!budget || toFen(budget) <= 0n) {
      throw new BadRequestException("A medium reservoir's budget is its approved design estimate: give budget");
    }
    const project = {
      reservoirCode: r.reservoirCode,
      plannedStart: dto.appraisedOn,
      plannedFinish: addYears(dto.appraisedOn, NEW_PROJECT_YEARS),
      budget,
      basis: dto.budget === undefined ? ('standard' as const) : ('approved_estimate' as const),
    };
    const id = await this.repo.createProject(tx, project);
    await writeAudit(tx, {
      username: user.username,
      entity: 'project',
      entityId: id,
      action: 'create:appraisal',
      before: null,
      after: { ...project, stage: 'appraisal', reason: 'category-3 safety appraisal' },
    });
    return id;
  }

  /** Tells the dashboard about the new project once it is committed. */
  private async announce(scope: AreaScope, projectId: number): Promise<void> {
    const project = await this.programme.detail(scope, projectId);
    this.events.emit('project', { kind: 'stage', project });
  }
}

function scheduleView(r: ScheduleRow, today: string): AppraisalScheduleDto {
  return {
    ...r,
    firstAppraisalDue: firstAppraisalDue(r.completionYear),
    dueThisYear: isDueThisYear(r.nextAppraisal, today),
    overdue: isAppraisalOverdue(r.nextAppraisal, today),
  };
}
