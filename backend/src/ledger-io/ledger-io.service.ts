import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user.js';
import type { AreaScope } from '../common/scope.js';
import { beijingDate } from '@yz/domain';
import { ProgrammeEvents } from '../programme/programme.events.js';
import { ProgrammeService } from '../programme/programme.service.js';
import { AllocationsLedger } from './allocations-ledger.js';
import { ExpendituresLedger } from './expenditures-ledger.js';
import { HazardsLedger } from './hazards-ledger.js';
import type { ApplyResult, ExportRecord, LedgerKind, LedgerKindName } from './ledger-kind.js';
import { LedgerRepository } from './ledger.repository.js';
import { PersonsLedger } from './persons-ledger.js';
import { ProjectsLedger } from './projects-ledger.js';
import { parseRows, type RowError } from './row-validation.js';
import { CONTENT_TYPES, readSheet, SheetTooLarge, writeSheet, type Format } from '../common/spreadsheet.js';

/** Thrown inside the transaction so that it rolls back; carries every bad row. */
class RowsRejected extends Error {
  constructor(readonly errors: RowError[]) {
    super('rows rejected');
  }
}

export interface ImportResult extends Omit<ApplyResult, 'projectIds'> {
  kind: LedgerKindName;
}

/**
 * CSV/XLSX export and import of the ledgers. An import checks every row first and changes nothing when any row
 * is bad; otherwise it applies all rows in one transaction (each change with its audit entry), written set-based
 * (a statement per 1,000 rows, not several per row) so that it holds the embedded database's only connection for
 * seconds, not minutes.
 */
@Injectable()
export class LedgerIoService {
  private readonly kinds: Record<LedgerKindName, LedgerKind>;

  constructor(
    private readonly repo: LedgerRepository,
    private readonly programme: ProgrammeService,
    private readonly events: ProgrammeEvents,
    projects: ProjectsLedger,
    allocations: AllocationsLedger,
    expenditures: ExpendituresLedger,
    persons: PersonsLedger,
    hazards: HazardsLedger,
  ) {
    this.kinds = { projects, allocations, expenditures, 'responsible-persons': persons, hazards };
  }

  async export(scope: AreaScope, name: LedgerKindName, format: Format) {
    const kind = this.kinds[name];
    const records = await kind.exportRecords(scope);
    const header = kind.columns.map((c) => c.label);
    const rows = records.map((r) => kind.columns.map((c) => cellOf(r, c.key)));
    return {
      body: await writeSheet(format, kind.sheetName, header, rows),
      contentType: CONTENT_TYPES[format],
      filename: `${name}-${beijingDate(new Date())}.${format}`,
    };
  }

  async import(
    user: AuthUser,
    scope: AreaScope,
    name: LedgerKindName,
    file: Buffer,
    now = new Date(),
  ): Promise<ImportResult> {
    const kind = this.kinds[name];
    if (user.role !== 'admin' && user.role !== kind.editRole) {
      throw new ForbiddenException(`Importing ${name} needs the role ${kind.editRole}`);
    }
    let sheet: string[][];
    try {
      sheet = await readSheet(file);
    } catch (err) {
      if (err instanceof SheetTooLarge) throw new BadRequestException(err.message);
      throw new BadRequestException('The file is not a readable CSV or XLSX spreadsheet');
    }
    const parsed = parseRows(kind.columns, sheet);
    const codes = [...new Set(parsed.rows.map((r) => r.values.reservoirCode).filter((c) => typeof c === 'string'))];
    try {
      const result = await this.repo.transaction(async (tx) => {
        const ctx = {
          tx,
          user,
          scope,
          today: beijingDate(now),
          areas: await this.repo.reservoirAreas(tx, codes),
          projects: kind.namesProjects ? await this.repo.lockProjects(tx, codes) : new Map(),
        };
        const errors = [...parsed.errors, ...(await kind.check(ctx, parsed.rows))];
        if (errors.length) throw new RowsRejected(sortErrors(errors));
        return kind.apply(ctx, parsed.rows);
      });
      await this.announce(scope, name, result.projectIds);
      return { kind: name, imported: result.imported, skipped: result.skipped };
    } catch (err) {
      if (err instanceof RowsRejected) {
        throw new BadRequestException({
          statusCode: 400,
          message: `${err.errors.length} problem(s) in the file; nothing was imported`,
          errors: err.errors,
        });
      }
      throw err;
    }
  }

  /** Tells the dashboard about changed projects, after the commit. */
  private async announce(scope: AreaScope, name: LedgerKindName, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    const kind = name === 'allocations' ? 'allocation' : name === 'expenditures' ? 'expenditure' : 'stage';
    const changed = new Set(ids);
    for (const project of await this.programme.list(scope, { kind: 'all' })) {
      if (changed.has(project.id)) this.events.emit('project', { kind, project });
    }
  }
}

function cellOf(record: ExportRecord, key: string): string | null {
  const v = record[key];
  return v === null || v === undefined ? null : String(v);
}

function sortErrors(errors: RowError[]): RowError[] {
  return errors.sort((a, b) => a.row - b.row);
}
