import type { AuthUser, Role } from '../common/auth-user.js';
import type { AreaScope } from '../common/scope.js';
import type { Sql } from '../common/sql.js';
import { PROJECT_KINDS, type ProjectKind, type Stage } from '@yz/domain';
import { oneOf, type Column, type ParsedRow, type RowError } from './row-validation.js';

export const LEDGER_KINDS = ['projects', 'allocations', 'expenditures', 'responsible-persons', 'hazards'] as const;
export type LedgerKindName = (typeof LEDGER_KINDS)[number];

/** A project as an import sees it: its schedule and what it may still spend. */
export interface ProjectState {
  id: number;
  kind: ProjectKind;
  reservoirCode: string;
  county: string;
  stage: Stage;
  plannedStart: string;
  plannedFinish: string;
  progressPercent: number;
  /** Net allocation (with transfers) minus spending, CNY decimal string. */
  unspent: string;
}

/** What an import knows while it checks and applies rows, all inside one transaction. */
export interface ImportContext {
  tx: Sql;
  user: AuthUser;
  scope: AreaScope;
  /** Asia/Shanghai date. */
  today: string;
  /** Reservoir code → area code, for the reservoirs the file names. */
  areas: Map<string, string>;
  /**
   * projectKey(reservoir code, kind) → the project (locked), for the reservoirs the file names; empty for a kind
   * whose rows do not name projects.
   */
  projects: Map<string, ProjectState>;
}

export interface ApplyResult {
  imported: number;
  skipped: number;
  /** Projects whose figures changed, to be announced after commit. */
  projectIds: number[];
}

export type ExportRecord = Record<string, string | number | boolean | null>;

/** One kind of ledger row that can be exported and imported. */
export interface LedgerKind {
  readonly sheetName: string;
  /** Who may import (admin always may). */
  readonly editRole: Role;
  /** Rows name projects (by reservoir and 项目类型): those projects are locked and read before the rows are checked. */
  readonly namesProjects: boolean;
  readonly columns: readonly Column[];
  exportRecords(scope: AreaScope): Promise<ExportRecord[]>;
  /** Checks that need the database; every problem of every row is returned. */
  check(ctx: ImportContext, rows: readonly ParsedRow[]): Promise<RowError[]>;
  apply(ctx: ImportContext, rows: readonly ParsedRow[]): Promise<ApplyResult>;
}

export const RESERVOIR_LABEL = '水库编码';
export const KIND_LABEL = '项目类型';

export const KIND_LABELS: Record<ProjectKind, string> = {
  reinforcement: '除险加固',
  telemetry: '雨水情测报',
  dam_monitoring: '大坝安全监测',
};

/**
 * The key of a project in ImportContext.projects: the reservoir code for its reinforcement project (so files
 * without a 项目类型 column keep meaning the reinforcement project), code/kind for the other kinds.
 */
export function projectKey(reservoirCode: string, kind: ProjectKind | null | undefined): string {
  return !kind || kind === 'reinforcement' ? reservoirCode : `${reservoirCode}/${kind}`;
}

/** The project a parsed row names (by reservoir code and 项目类型, reinforcement when absent). */
export function projectOf(ctx: ImportContext, values: Record<string, unknown>): ProjectState | undefined {
  const code = values.reservoirCode;
  if (typeof code !== 'string') return undefined;
  return ctx.projects.get(projectKey(code, values.kind as ProjectKind | null | undefined));
}

/** The optional 项目类型 column of the project-level ledgers (absent or empty: reinforcement). */
export const KIND_COLUMN: Column = {
  key: 'kind',
  label: KIND_LABEL,
  importable: true,
  required: false,
  parse: oneOf(PROJECT_KINDS, KIND_LABELS),
};

/** The reservoir must exist and, for an area-scoped user, be in the user's area. */
export function reservoirError(ctx: ImportContext, row: ParsedRow): RowError | null {
  const code = row.values.reservoirCode;
  if (typeof code !== 'string') return null;
  const area = ctx.areas.get(code);
  if (!area) return { row: row.row, column: RESERVOIR_LABEL, message: `No reservoir ${code}` };
  if (!ctx.scope.includes(area)) {
    return { row: row.row, column: RESERVOIR_LABEL, message: `${code} is not in your area ${ctx.user.areaCode}` };
  }
  return null;
}

/** Like reservoirError, and the reservoir must have a project of the row's kind (reinforcement by default). */
export function projectError(ctx: ImportContext, row: ParsedRow): RowError | null {
  const error = reservoirError(ctx, row);
  if (error) return error;
  const code = row.values.reservoirCode;
  if (typeof code === 'string' && !projectOf(ctx, row.values)) {
    const kind = (row.values.kind as ProjectKind | null | undefined) ?? 'reinforcement';
    return { row: row.row, column: RESERVOIR_LABEL, message: `${code} has no ${kind} project` };
  }
  return null;
}
