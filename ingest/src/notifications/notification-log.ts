import type { AlertRecord, Contact, PastNotification, Recipient, ResponsiblePerson, Severity } from '@yz/domain';
import { selectAlerts, toAlertRecord, type Database } from '@yz/platform';
import { sql, type Kysely } from 'kysely';

/** The reservoir's responsible persons, and the duty officers of its area plus the city-wide ones (no area). */
export async function loadContacts(
  db: Kysely<Database>,
  reservoirCode: string,
): Promise<{ persons: ResponsiblePerson[]; dutyOfficers: Contact[] }> {
  const persons = await db
    .selectFrom('responsible_persons')
    .select(['role', 'name', 'phone'])
    .where('reservoir_code', '=', reservoirCode)
    .orderBy('role')
    .execute();
  const dutyOfficers = await db
    .selectFrom('users as u')
    .innerJoin('reservoirs as r', (join) => join.onTrue())
    .select(['u.display_name as name', sql<string>`u.phone`.as('phone')])
    .where('r.code', '=', reservoirCode)
    .where('u.role', '=', 'duty_officer')
    .where(sql<boolean>`coalesce(u.phone, '') <> ''`)
    .where((eb) => eb.or([eb('u.area_code', 'is', null), eb('u.area_code', '=', eb.ref('r.area_code'))]))
    .orderBy('u.id')
    .execute();
  return { persons, dutyOfficers };
}

export async function loadHistory(db: Kysely<Database>, alertId: string): Promise<PastNotification[]> {
  return db
    .selectFrom('notifications')
    .select(['phone', 'severity', 'created_at as createdAt', 'status'])
    .where('alert_id', '=', alertId)
    .execute();
}

/** Open alerts that may still need someone told: the sweep's work list. */
export async function loadOpenAlerts(db: Kysely<Database>): Promise<AlertRecord[]> {
  const rows = await selectAlerts(db)
    .where('a.state', '=', 'open')
    .where('a.severity', '<>', 'info')
    .orderBy('a.opened_at')
    .execute();
  return rows.map(toAlertRecord);
}

/**
 * Logs a message as queued and returns its id, or null when another process already logged it (the unique
 * alert/severity/level/phone key) or the alert moved on: its severity changed, it was resolved, or — for an
 * escalation — acknowledged. Only the caller that gets an id sends.
 */
export async function claim(
  db: Kysely<Database>,
  n: { alertId: string; severity: Severity; level: number; to: Recipient; channel: string; text: string; at: Date },
): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO notifications (alert_id, severity, level, recipient_role, recipient_name, phone, channel, text,
                               created_at)
    SELECT id, ${n.severity}, ${n.level}::smallint, ${n.to.role}, ${n.to.name}, ${n.to.phone}, ${n.channel}, ${n.text},
           ${n.at}
    FROM alerts
    WHERE id = ${n.alertId} AND severity = ${n.severity}
      AND (state = 'open' OR (${n.level}::smallint = 0 AND state = 'acknowledged'))
    ON CONFLICT (alert_id, severity, level, phone) DO NOTHING
    RETURNING id::text`.execute(db);
  return rows[0]?.id ?? null;
}

/** Records one delivery attempt: sent, or its error (and 'failed' once no retry is left). */
export async function recordAttempt(
  db: Kysely<Database>,
  id: string,
  outcome: { sentAt: Date } | { error: string; final: boolean },
): Promise<void> {
  const attempts = sql<number>`attempts + 1`;
  const update =
    'sentAt' in outcome
      ? db.updateTable('notifications').set({ status: 'sent', attempts, sent_at: outcome.sentAt })
      : db
          .updateTable('notifications')
          .set({ attempts, last_error: outcome.error, ...(outcome.final ? { status: 'failed' as const } : {}) });
  await update.where('id', '=', id).execute();
}
