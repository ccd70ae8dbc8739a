import { writeAudits } from '../common/audit-log.js';
import { projectOf, type ApplyResult, type ImportContext } from './ledger-kind.js';
import type { ParsedRow, RowError } from './row-validation.js';

/**
 * Appends the rows of an append-only ledger (allocations, expenditures). A row that carries an id is already in
 * the ledger (a re-imported export) and is skipped; each new entry is audited. Entries and audits are written a
 * chunk of rows per statement, so a large file holds the database briefly.
 */
export async function appendEntries<Line extends { id: number | null; reservoirCode: string }, Entry extends object>(
  ctx: ImportContext,
  rows: readonly ParsedRow[],
  entity: string,
  entryOf: (line: Line, projectId: number) => Entry,
  insertMany: (entries: (Entry & { by: string })[]) => Promise<number[]>,
): Promise<ApplyResult> {
  const fresh = rows.filter((row) => (row.values as unknown as Line).id === null);
  const entries = fresh.map((row) => entryOf(row.values as unknown as Line, projectOf(ctx, row.values)!.id));
  const ids = await insertMany(entries.map((entry) => ({ ...entry, by: ctx.user.username })));
  await writeAudits(
    ctx.tx,
    entries.map((entry, i) => ({
      username: ctx.user.username,
      entity,
      entityId: ids[i],
      action: 'import',
      before: null,
      after: entry,
    })),
  );
  const projectIds = new Set(fresh.map((row) => projectOf(ctx, row.values)!.id));
  return { imported: fresh.length, skipped: rows.length - fresh.length, projectIds: [...projectIds] };
}

/**
 * Rows that carry an id must name an entry already in the ledger (they are skipped on import); the others are new
 * entries, returned for the kind's own checks.
 */
export async function splitKnownRows(
  rows: readonly ParsedRow[],
  existingIds: (ids: number[]) => Promise<Set<number>>,
  noun: string,
): Promise<{ errors: RowError[]; fresh: ParsedRow[] }> {
  const idOf = (row: ParsedRow) => (row.values as { id: number | null }).id;
  const existing = await existingIds(rows.map(idOf).filter((id): id is number => id !== null));
  const errors: RowError[] = [];
  const fresh: ParsedRow[] = [];
  for (const row of rows) {
    const id = idOf(row);
    if (id === null) fresh.push(row);
    else if (!existing.has(id)) errors.push({ row: row.row, column: '编号', message: `No ${noun} ${id}` });
  }
  return { errors, fresh };
}
