import { writeAudit } from '../common/audit-log.js';
import { projectOf, type ApplyResult, type ImportContext } from './ledger-kind.js';
import type { ParsedRow, RowError } from './row-validation.js';

/**
 * Appends the rows of an append-only ledger (allocations, expenditures). A row that carries an id is already in
 * the ledger (a re-imported export) and is skipped; each new entry is audited.
 */
export async function appendEntries<Line extends { id: number | null; reservoirCode: string }, Entry extends object>(
  ctx: ImportContext,
  rows: readonly ParsedRow[],
  entity: string,
  entryOf: (line: Line, projectId: number) => Entry,
  insert: (entry: Entry & { by: string }) => Promise<number>,
): Promise<ApplyResult> {
  const projectIds = new Set<number>();
  let skipped = 0;
  for (const row of rows) {
    const line = row.values as unknown as Line;
    if (line.id !== null) {
      skipped++;
      continue;
    }
    const projectId = projectOf(ctx, row.values)!.id;
    const entry = entryOf(line, projectId);
    const id = await insert({ ...entry, by: ctx.user.username });
    await writeAudit(ctx.tx, {
      username: ctx.user.username,
      entity,
      entityId: id,
      action: 'import',
      before: null,
      after: entry,
    });
    projectIds.add(projectId);
  }
  return { imported: rows.length - skipped, skipped, projectIds: [...projectIds] };
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
