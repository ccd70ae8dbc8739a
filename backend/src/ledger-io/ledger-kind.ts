import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import type { Role } from '../users/user.entity.js';
import type { ProjectState } from './ledger.repository.js';
import type { Column, ParsedRow, RowError } from './row-validation.js';

export const LEDGER_KINDS = ['projects', 'allocations', 'expenditures', 'responsible-persons', 'hazards'] as const;
export type LedgerKindName = (typeof LEDGER_KINDS)[number];

/** What an import knows while it checks and applies rows, all inside one transaction. */
export interface ImportContext {
  tx: EntityManager;
  user: AuthUser;
  /** Asia/Shanghai date. */
  today: string;
  /** Reservoir code → area code, for the reservoirs the file names. */
  areas: Map<string, string>;
  /** Reservoir code → its project (locked), for the reservoirs the file names. */
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
  readonly columns: readonly Column[];
  exportRecords(user: AuthUser): Promise<ExportRecord[]>;
  /** Checks that need the database; every problem of every row is returned. */
  check(ctx: ImportContext, rows: readonly ParsedRow[]): Promise<RowError[]>;
  apply(ctx: ImportContext, rows: readonly ParsedRow[]): Promise<ApplyResult>;
}

export const RESERVOIR_LABEL = '水库编码';

/** The reservoir must exist and, for an area-scoped user, be in the user's area. */
export function reservoirError(ctx: ImportContext, row: ParsedRow): RowError | null {
  const code = row.values.reservoirCode;
  if (typeof code !== 'string') return null;
  const area = ctx.areas.get(code);
  if (!area) return { row: row.row, column: RESERVOIR_LABEL, message: `No reservoir ${code}` };
  if (ctx.user.areaCode && area !== ctx.user.areaCode) {
    return { row: row.row, column: RESERVOIR_LABEL, message: `${code} is not in your area ${ctx.user.areaCode}` };
  }
  return null;
}

/** Like reservoirError, and the reservoir must have a reinforcement project. */
export function projectError(ctx: ImportContext, row: ParsedRow): RowError | null {
  const error = reservoirError(ctx, row);
  if (error) return error;
  const code = row.values.reservoirCode;
  if (typeof code === 'string' && !ctx.projects.has(code)) {
    return { row: row.row, column: RESERVOIR_LABEL, message: `${code} has no reinforcement project` };
  }
  return null;
}
