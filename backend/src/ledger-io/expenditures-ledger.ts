import { Injectable } from '@nestjs/common';
import { fromFen, toFen, type ProjectKind } from '@yz/domain';
import {
  KIND_COLUMN,
  projectError,
  projectKey,
  projectOf,
  RESERVOIR_LABEL,
  type ImportContext,
  type LedgerKind,
} from './ledger-kind.js';
import { appendEntries, splitKnownRows } from './append-entries.js';
import { LedgerRepository } from './ledger.repository.js';
import { ProgrammeRepository } from '../programme/programme.repository.js';
import type { AreaScope } from '../common/scope.js';
import {
  amount,
  date,
  integer,
  reservoirCode,
  text,
  type Column,
  type ParsedRow,
  type RowError,
} from './row-validation.js';

interface ExpenditureLine {
  id: number | null;
  reservoirCode: string;
  kind: ProjectKind | null;
  amount: string;
  spentOn: string;
  description: string;
}

const COLUMNS: Column[] = [
  { key: 'id', label: '编号', importable: true, required: false, parse: integer(1, 2_147_483_647) },
  { key: 'countyName', label: '县区', importable: false, required: false, parse: text(50) },
  { key: 'reservoirCode', label: RESERVOIR_LABEL, importable: true, required: true, parse: reservoirCode },
  { key: 'reservoirName', label: '水库名称', importable: false, required: false, parse: text(100) },
  KIND_COLUMN,
  { key: 'amount', label: '金额(元)', importable: true, required: true, parse: amount },
  { key: 'spentOn', label: '支出日期', importable: true, required: true, parse: date },
  { key: 'description', label: '摘要', importable: true, required: true, parse: text(500) },
];

/**
 * Funds spent (资金支出), append-only like allocations (a row with a known 编号 is skipped). As through the API,
 * a project may not spend more than it has been allocated and not yet spent; the rows of one file add up.
 */
@Injectable()
export class ExpendituresLedger implements LedgerKind {
  readonly sheetName = '资金支出';
  readonly editRole = 'planner' as const;
  readonly namesProjects = true;
  readonly columns = COLUMNS;

  constructor(
    private readonly repo: LedgerRepository,
    private readonly programme: ProgrammeRepository,
  ) {}

  async exportRecords(scope: AreaScope) {
    const lines = await this.repo.expenditures(scope);
    return lines.map((l) => ({ ...l }));
  }

  async check(ctx: ImportContext, rows: readonly ParsedRow[]): Promise<RowError[]> {
    const { errors, fresh } = await splitKnownRows(
      rows,
      (ids) => this.repo.existingIds(ctx.tx, 'funding_expenditures', ids),
      'expenditure',
    );
    const unspent = new Map<string, bigint>();
    for (const row of fresh) {
      const line = row.values as unknown as ExpenditureLine;
      const error = projectError(ctx, row);
      if (error) {
        errors.push(error);
        continue;
      }
      if (line.spentOn && line.spentOn > ctx.today) {
        errors.push({ row: row.row, column: '支出日期', message: 'The date must not be in the future' });
      }
      if (!line.amount) continue;
      const key = projectKey(line.reservoirCode, line.kind);
      const left = unspent.get(key) ?? toFen(projectOf(ctx, row.values)!.unspent);
      const fen = toFen(line.amount);
      if (fen > left) {
        errors.push({
          row: row.row,
          column: '金额(元)',
          message: `Exceeds the project's unspent allocation of ${fromFen(left)} CNY`,
        });
      } else {
        unspent.set(key, left - fen);
      }
    }
    return errors;
  }

  apply(ctx: ImportContext, rows: readonly ParsedRow[]) {
    return appendEntries(
      ctx,
      rows,
      'funding_expenditure',
      (line: ExpenditureLine, projectId: number) => ({
        projectId,
        amount: line.amount,
        spentOn: line.spentOn,
        description: line.description,
      }),
      (entries) => this.programme.addExpenditures(ctx.tx, entries),
    );
  }
}
