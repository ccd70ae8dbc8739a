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
  await tx
    .insertInto('audit_log')
    .values({
      username: e.username,
      entity: e.entity,
      entity_id: String(e.entityId),
      action: e.action,
      before: e.before == null ? null : JSON.stringify(e.before),
      after: e.after == null ? null : JSON.stringify(e.after),
    })
    .execute();
}
