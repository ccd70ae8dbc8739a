import { Injectable } from '@nestjs/common';
import { SOURCES, type FundingSource, type ProjectKind } from '@yz/domain';
import { KIND_COLUMN, projectError, RESERVOIR_LABEL, type ImportContext, type LedgerKind } from './ledger-kind.js';
import { appendEntries, splitKnownRows } from './append-entries.js';
import { LedgerRepository } from './ledger.repository.js';
import { ProgrammeRepository } from '../programme/programme.repository.js';
import type { AreaScope } from '../common/scope.js';
import {
  amount,
  date,
  integer,
  oneOf,
  reservoirCode,
  text,
  type Column,
  type ParsedRow,
  type RowError,
} from './row-validation.js';

interface AllocationLine {
  id: number | null;
  reservoirCode: string;
  kind: ProjectKind | null;
  source: FundingSource;
  amount: string;
  allocatedOn: string;
  document: string | null;
}

const SOURCE_LABELS: Record<FundingSource, string> = {
  central: '中央',
  provincial: '省级',
  municipal: '市级',
  county: '县级',
};

const COLUMNS: Column[] = [
  { key: 'id', label: '编号', importable: true, required: false, parse: integer(1, 2_147_483_647) },
  { key: 'countyName', label: '县区', importable: false, required: false, parse: text(50) },
  { key: 'reservoirCode', label: RESERVOIR_LABEL, importable: true, required: true, parse: reservoirCode },
  { key: 'reservoirName', label: '水库名称', importable: false, required: false, parse: text(100) },
  KIND_COLUMN,
  { key: 'source', label: '资金来源', importable: true, required: true, parse: oneOf(SOURCES, SOURCE_LABELS) },
  { key: 'amount', label: '金额(元)', importable: true, required: true, parse: amount },
  { key: 'allocatedOn', label: '下达日期', importable: true, required: true, parse: date },
  { key: 'document', label: '文号', importable: true, required: false, parse: text(200) },
];

/**
 * Funds allocated (资金下达). Ledger entries are never edited: a row with the 编号 of an entry already in the
 * ledger is skipped (so an exported file can be extended and imported again); a row without one is a new entry.
 */
@Injectable()
export class AllocationsLedger implements LedgerKind {
  readonly sheetName = '资金下达';
  readonly editRole = 'planner' as const;
  readonly namesProjects = true;
  readonly columns = COLUMNS;

  constructor(
    private readonly repo: LedgerRepository,
    private readonly programme: ProgrammeRepository,
  ) {}

  async exportRecords(scope: AreaScope) {
    const lines = await this.repo.allocations(scope);
    return lines.map((l) => ({ ...l }));
  }

  async check(ctx: ImportContext, rows: readonly ParsedRow[]): Promise<RowError[]> {
    const { errors, fresh } = await splitKnownRows(
      rows,
      (ids) => this.repo.existingIds(ctx.tx, 'funding_allocations', ids),
      'allocation',
    );
    for (const row of fresh) {
      const line = row.values as unknown as AllocationLine;
      const error = projectError(ctx, row);
      if (error) errors.push(error);
      if (line.allocatedOn && line.allocatedOn > ctx.today) {
        errors.push({ row: row.row, column: '下达日期', message: 'The date must not be in the future' });
      }
    }
    return errors;
  }

  apply(ctx: ImportContext, rows: readonly ParsedRow[]) {
    return appendEntries(
      ctx,
      rows,
      'funding_allocation',
      (line: AllocationLine, projectId: number) => ({
        projectId,
        source: line.source,
        amount: line.amount,
        allocatedOn: line.allocatedOn,
        document: line.document,
      }),
      (entries) => this.programme.addAllocations(ctx.tx, entries),
    );
  }
}
