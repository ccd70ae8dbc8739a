import { Injectable } from '@nestjs/common';
import type { AreaScope } from '../common/scope.js';
import {
  PERSON_ROLES,
  PHONE_PATTERN,
  ROLE_LABELS,
  trainingError,
  type PersonRole,
} from '../responsible-persons/person-roles.js';
import { ResponsiblePersonsService } from '../responsible-persons/responsible-persons.service.js';
import { RESERVOIR_LABEL, reservoirError, type ImportContext, type LedgerKind } from './ledger-kind.js';
import {
  bool,
  date,
  oneOf,
  pattern,
  reservoirCode,
  text,
  type Column,
  type ParsedRow,
  type RowError,
} from './row-validation.js';

interface PersonLine {
  reservoirCode: string;
  role: PersonRole;
  name: string;
  phone: string;
  trained: boolean;
  trainedOn: string | null;
}

const COLUMNS: Column[] = [
  { key: 'countyName', label: '县区', importable: false, required: false, parse: text(50) },
  { key: 'reservoirCode', label: RESERVOIR_LABEL, importable: true, required: true, parse: reservoirCode },
  { key: 'reservoirName', label: '水库名称', importable: false, required: false, parse: text(100) },
  { key: 'role', label: '责任人类别', importable: true, required: true, parse: oneOf(PERSON_ROLES, ROLE_LABELS) },
  { key: 'name', label: '姓名', importable: true, required: true, parse: text(64) },
  {
    key: 'phone',
    label: '电话',
    importable: true,
    required: true,
    parse: pattern(PHONE_PATTERN, 'an 11-digit mobile number starting with 1 is expected'),
  },
  { key: 'trained', label: '已培训', importable: true, required: true, parse: bool },
  { key: 'trainedOn', label: '培训日期', importable: true, required: false, parse: date },
];

/** The four responsible persons: each row sets the person holding one role at one reservoir. */
@Injectable()
export class PersonsLedger implements LedgerKind {
  readonly sheetName = '水库责任人';
  readonly editRole = 'engineer' as const;
  readonly namesProjects = false;
  readonly columns = COLUMNS;

  constructor(private readonly persons: ResponsiblePersonsService) {}

  async exportRecords(scope: AreaScope) {
    const rows = await this.persons.list(scope, {});
    return rows.map((p) => ({ ...p, role: ROLE_LABELS[p.role], trained: p.trained ? '是' : '否' }));
  }

  async check(ctx: ImportContext, rows: readonly ParsedRow[]): Promise<RowError[]> {
    const errors: RowError[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const line = row.values as unknown as PersonLine;
      const error = reservoirError(ctx, row);
      if (error) errors.push(error);
      const key = `${line.reservoirCode}/${line.role}`;
      if (seen.has(key))
        errors.push({ row: row.row, column: '责任人类别', message: 'This role appears twice for the reservoir' });
      seen.add(key);
      if (typeof line.trained === 'boolean') {
        const training = trainingError(line.trained, line.trainedOn ?? null, ctx.today);
        if (training) errors.push({ row: row.row, column: '培训日期', message: training });
      }
    }
    return errors;
  }

  async apply(ctx: ImportContext, rows: readonly ParsedRow[]) {
    const persons = rows.map((row) => {
      const l = row.values as unknown as PersonLine;
      const values = { name: l.name, phone: l.phone, trained: l.trained, trainedOn: l.trainedOn ?? null };
      return { code: l.reservoirCode, role: l.role, values };
    });
    await this.persons.saveMany(ctx.tx, ctx.user.username, persons);
    return { imported: rows.length, skipped: 0, projectIds: [] };
  }
}
