import type pg from 'pg';
import type { AlertRecord, Contact, PastNotification, Recipient, ResponsiblePerson, Severity } from '@yz/domain';
import { SELECT_ALERTS } from '@yz/platform';

/** The reservoir's responsible persons, and the duty officers of its area plus the city-wide ones (no area). */
export async function loadContacts(
  pool: pg.Pool,
  reservoirCode: string,
): Promise<{ persons: ResponsiblePerson[]; dutyOfficers: Contact[] }> {
  const persons = await pool.query<ResponsiblePerson>(
    `SELECT role, name, phone FROM responsible_persons WHERE reservoir_code = $1 ORDER BY role`,
    [reservoirCode],
  );
  const officers = await pool.query<Contact>(
    `SELECT u.display_name AS name, u.phone FROM users u, reservoirs r
     WHERE r.code = $1 AND u.role = 'duty_officer' AND coalesce(u.phone, '') <> ''
       AND (u.area_code IS NULL OR u.area_code = r.area_code)
     ORDER BY u.id`,
    [reservoirCode],
  );
  return { persons: persons.rows, dutyOfficers: officers.rows };
}

export async function loadHistory(pool: pg.Pool, alertId: string): Promise<PastNotification[]> {
  const { rows } = await pool.query<PastNotification>(
    `SELECT phone, severity, created_at AS "createdAt", status FROM notifications WHERE alert_id = $1`,
    [alertId],
  );
  return rows;
}

/** Open alerts that may still need someone told: the sweep's work list. */
export async function loadOpenAlerts(pool: pg.Pool): Promise<AlertRecord[]> {
  const { rows } = await pool.query<AlertRecord>(
    `${SELECT_ALERTS} WHERE a.state = 'open' AND a.severity <> 'info' ORDER BY a.opened_at`,
  );
  return rows;
}

/**
 * Logs a message as queued and returns its id, or null when another process already logged it (the unique
 * alert/severity/level/phone key) or the alert moved on: its severity changed, it was resolved, or — for an
 * escalation — acknowledged. Only the caller that gets an id sends.
 */
export async function claim(
  pool: pg.Pool,
  n: { alertId: string; severity: Severity; level: number; to: Recipient; channel: string; text: string; at: Date },
): Promise<string | null> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO notifications (alert_id, severity, level, recipient_role, recipient_name, phone, channel, text, created_at)
     SELECT id, $2, $3::smallint, $4, $5, $6, $7, $8, $9 FROM alerts
     WHERE id = $1 AND severity = $2 AND (state = 'open' OR ($3::smallint = 0 AND state = 'acknowledged'))
     ON CONFLICT (alert_id, severity, level, phone) DO NOTHING
     RETURNING id::text`,
    [n.alertId, n.severity, n.level, n.to.role, n.to.name, n.to.phone, n.channel, n.text, n.at],
  );
  return rows[0]?.id ?? null;
}

/** Records one delivery attempt: sent, or its error (and 'failed' once no retry is left). */
export async function recordAttempt(
  pool: pg.Pool,
  id: string,
  outcome: { sentAt: Date } | { error: string; final: boolean },
): Promise<void> {
  if ('sentAt' in outcome) {
    await pool.query(`UPDATE notifications SET status = 'sent', attempts = attempts + 1, sent_at = $2 WHERE id = $1`, [
      id,
      outcome.sentAt,
    ]);
  } else {
    await pool.query(
      `UPDATE notifications SET attempts = attempts + 1, last_error = $2,
              status = CASE WHEN $3 THEN 'failed' ELSE status END
       WHERE id = $1`,
      [id, outcome.error, outcome.final],
    );
  }
}
