import { Injectable } from '@nestjs/common';
import type { AreaScope } from '../common/scope.js';
import { ALL_STAGES, DONE_STAGES, stageChangeError, type ProjectKind, type Stage } from '@yz/domain';
import { ProgrammeRepository } from '../programme/programme.repository.js';
import { ProgrammeService } from '../programme/programme.service.js';
import { writeAudits } from '../common/audit-log.js';
import {
  KIND_COLUMN,
  projectError,
  projectKey,
  projectOf,
  RESERVOIR_LABEL,
  type ImportContext,
  type LedgerKind,
} from './ledger-kind.js';
import { LedgerRepository } from './ledger.repository.js';
import {
  date,
  integer,
  oneOf,
  reservoirCode,
  text,
  type Column,
  type ParsedRow,
  type RowError,
} from './row-validation.js';

interface ProjectLine {
  reservoirCode: string;
  /** Null (no 项目类型 column or an empty cell): reinforcement. */
  kind: ProjectKind | null;
  stage: Stage;
  progressPercent: number;
  plannedStart: string;
  plannedFinish: string;
  reason: string | null;
}

const COLUMNS: Column[] = [
  { key: 'id', label: '项目编号', importable: false, required: false, parse: text(20) },
  { key: 'countyName', label: '县区', importable: false, required: false, parse: text(50) },
  { key: 'reservoirCode', label: RESERVOIR_LABEL, importable: true, required: true, parse: reservoirCode },
  { key: 'reservoirName', label: '水库名称', importable: false, required: false, parse: text(100) },
  KIND_COLUMN,
  { key: 'stage', label: '阶段', importable: true, required: true, parse: oneOf(ALL_STAGES) },
  { key: 'progressPercent', label: '进度(%)', importable: true, required: true, parse: integer(0, 100) },
  { key: 'plannedStart', label: '计划开工', importable: true, required: true, parse: date },
  { key: 'plannedFinish', label: '计划完工', importable: true, required: true, parse: date },
  { key: 'actualFinish', label: '实际完工', importable: false, required: false, parse: date },
  { key: 'budget', label: '概算(元)', importable: false, required: false, parse: text(20) },
  { key: 'allocated', label: '已下达(元)', importable: false, required: false, parse: text(20) },
  { key: 'spent', label: '已支出(元)', importable: false, required: false, parse: text(20) },
  { key: 'reason', label: '变更原因', importable: true, required: false, parse: text(1000) },
];

/**
 * Projects of every kind (reinforcement, telemetry, dam monitoring; the 项目类型 column, reinforcement when absent):
 * an import updates stage, progress and planned dates of existing projects.
 */
@Injectable()
export class ProjectsLedger implements LedgerKind {
  readonly sheetName = '水库建设项目';
  readonly editRole = 'planner' as const;
  readonly namesProjects = true;
  readonly columns = COLUMNS;

  constructor(
    private readonly programme: ProgrammeService,
    private readonly projects: ProgrammeRepository,
    private readonly repo: LedgerRepository,
  ) {}

  async exportRecords(scope: AreaScope) {
    const views = await this.programme.list(scope, { kind: 'all' });
    return views.map((v) => ({
      id: v.id,
      countyName: v.countyName,
      reservoirCode: v.reservoirCode,
      reservoirName: v.reservoirName,
      kind: v.kind,
      stage: v.stage,
      progressPercent: v.progressPercent,
      plannedStart: v.plannedStart,
      plannedFinish: v.plannedFinish,
      actualFinish: v.actualFinish,
      budget: v.budget,
      allocated: v.allocated,
      spent: v.spent,
      reason: null,
    }));
  }

  async check(ctx: ImportContext, rows: readonly ParsedRow[]): Promise<RowError[]> {
    const errors: RowError[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const line = row.values as unknown as ProjectLine;
      const error = projectError(ctx, row);
      if (error) errors.push(error);
      const key = projectKey(line.reservoirCode, line.kind);
      if (seen.has(key)) {
        errors.push({ row: row.row, column: RESERVOIR_LABEL, message: 'The project appears twice in the file' });
      }
      seen.add(key);
      if (line.plannedStart && line.plannedFinish && line.plannedStart > line.plannedFinish) {
        errors.push({ row: row.row, column: '计划完工', message: 'The planned finish is before the planned start' });
      }
      const project = projectOf(ctx, row.values);
      if (project && line.stage && line.stage !== project.stage) {
        const refusal = stageChangeError(project.stage, line.stage, line.reason ?? undefined, project.kind);
        if (refusal) errors.push({ row: row.row, column: '阶段', message: refusal });
      }
    }
    return errors;
  }

  async apply(ctx: ImportContext, rows: readonly ParsedRow[]) {
    const changed = rows.flatMap((row) => {
      const line = row.values as unknown as ProjectLine;
      const before = projectOf(ctx, row.values)!;
      const after = {
        stage: line.stage,
        progressPercent: line.progressPercent,
        plannedStart: line.plannedStart,
        plannedFinish: line.plannedFinish,
      };
      const same = (Object.keys(after) as (keyof typeof after)[]).every((k) => after[k] === before[k]);
      return same ? [] : [{ line, before, after }];
    });
    const by = ctx.user.username;
    await this.repo.updateProjects(
      ctx.tx,
      changed.map(({ line, before, after }) => ({ id: before.id, ...after, done: DONE_STAGES.includes(line.stage) })),
    );
    await this.projects.addStageChanges(
      ctx.tx,
      changed
        .filter(({ line, before }) => line.stage !== before.stage)
        .map(({ line, before }) => ({
          projectId: before.id,
          from: before.stage,
          to: line.stage,
          reason: line.reason?.trim() || '台账导入',
          by,
        })),
    );
    await writeAudits(
      ctx.tx,
      changed.map(({ line, before, after }) => ({
        username: by,
        entity: 'project',
        entityId: before.id,
        action: 'import',
        before: {
          stage: before.stage,
          progressPercent: before.progressPercent,
          plannedStart: before.plannedStart,
          plannedFinish: before.plannedFinish,
        },
        after: { ...after, reason: line.reason },
      })),
    );
    const projectIds = changed.map(({ before }) => before.id);
    return { imported: projectIds.length, skipped: rows.length - projectIds.length, projectIds };
  }
}
