import { chunksOf } from '@yz/platform';
import type { Sql } from './sql.js';

export interface AuditEntry {
  username: string;
  entity: string;
  entityId: string | number;
  action: string;
  before: unknown;
  after: unknown;
}

/** Who changed what, when, from what to what — written in the same transaction as the change. */
export async function writeAudit(tx: Sql, e: AuditEntry): Promise<void> {
  await writeAudits(tx, [e]);
}

/** Many audit entries (an import), a multi-row insert per BULK_ROWS rather than a statement each. */
export async function writeAudits(tx: Sql, entries: readonly AuditEntry[]): Promise<void> {
  for (const chunk of chunksOf(entries)) {
    await tx
      .insertInto('audit_log')
      .values(
        chunk.map((e) => ({
          username: e.username,
          entity: e.entity,
          entity_id: String(e.entityId),
          action: e.action,
          before: e.before == null ? null : JSON.stringify(e.before),
          after: e.after == null ? null : JSON.stringify(e.after),
        })),
      )
      .execute();
  }
}
