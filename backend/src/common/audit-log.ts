import type { EntityManager } from 'typeorm';

export interface AuditEntry {
  username: string;
  entity: string;
  entityId: string | number;
  action: string;
  before: unknown;
  after: unknown;
}

/** Who changed what, when, from what to what — written in the same transaction as the change. */
export async function writeAudit(tx: EntityManager, e: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (username, entity, entity_id, action, before, after)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
    [
      e.username,
      e.entity,
      String(e.entityId),
      e.action,
      e.before == null ? null : JSON.stringify(e.before),
      e.after == null ? null : JSON.stringify(e.after),
    ],
  );
}
