import type { AlertAction, AlertChange, AlertRecord, Evaluation } from '@yz/domain';
import type pg from 'pg';

/** Selects alerts in the AlertRecord shape; callers add WHERE / ORDER BY on `a` (alerts) and `r` (reservoirs). */
export const SELECT_ALERTS = `
  SELECT a.id::text, a.reservoir_code AS "reservoirCode", r.name AS "reservoirName", r.area_code AS county,
         a.rule_key AS "ruleKey", a.type, a.severity, a.state, a.opened_at AS "openedAt", a.updated_at AS "updatedAt",
         a.value, a.threshold, json_build_object('zh', a.message_zh, 'en', a.message_en) AS message,
         a.acknowledged_at AS "acknowledgedAt", a.acknowledged_by AS "acknowledgedBy", a.resolved_at AS "resolvedAt",
         a.resolved_by AS "resolvedBy", a.note
  FROM alerts a JOIN reservoirs r ON r.code = a.reservoir_code`;

const RANK = `array_position(ARRAY['info', 'warning', 'major', 'critical'], %s)`;
const rank = (expr: string) => RANK.replace('%s', expr);

/**
 * Applies one rule's verdict: opens an alert, escalates the active one in place when the new severity is worse,
 * or auto-resolves it once the value is clear of the hysteresis band. The partial unique index makes the
 * insert-or-escalate safe when several ingest processes judge the same reservoir at once.
 * Returns the changed alert with what happened, or null when nothing changed.
 */
export async function applyEvaluation(
  pool: pg.Pool,
  reservoirCode: string,
  e: Evaluation,
  at: Date,
): Promise<AlertChange | null> {
  if (e.severity) {
    const { rows } = await pool.query<{ id: string; inserted: boolean }>(
      `INSERT INTO alerts (reservoir_code, rule_key, type, severity, opened_at, updated_at, value, threshold,
                           message_zh, message_en)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9)
       ON CONFLICT (reservoir_code, rule_key) WHERE state <> 'resolved' DO UPDATE
         SET severity = excluded.severity, updated_at = excluded.updated_at, value = excluded.value,
             threshold = excluded.threshold, message_zh = excluded.message_zh, message_en = excluded.message_en
         WHERE ${rank('excluded.severity')} > ${rank('alerts.severity')}
       RETURNING id::text, (xmax = 0) AS inserted`,
      [
        reservoirCode,
        e.ruleKey,
        e.ruleKey.split(':')[0],
        e.severity,
        at,
        e.value,
        e.threshold,
        e.message.zh,
        e.message.en,
      ],
    );
    if (!rows[0]) return null;
    return record(pool, rows[0].id, rows[0].inserted ? 'open' : 'escalate', 'system', null);
  }
  if (e.clear) {
    const { rows } = await pool.query<{ id: string }>(
      `UPDATE alerts SET state = 'resolved', resolved_at = $3, resolved_by = 'system', updated_at = $3, value = $4,
              note = 'auto-resolved: back within limits'
       WHERE reservoir_code = $1 AND rule_key = $2 AND state <> 'resolved' RETURNING id::text`,
      [reservoirCode, e.ruleKey, at, e.value],
    );
    if (!rows[0]) return null;
    return record(pool, rows[0].id, 'resolve', 'system', 'auto-resolved');
  }
  return null;
}

/** Writes the history row for a transition and returns the alert as it now stands. */
export async function record(
  pool: pg.Pool,
  id: string,
  action: AlertAction,
  actor: string,
  note: string | null,
): Promise<AlertChange> {
  await pool.query(
    `INSERT INTO alert_events (alert_id, action, severity, value, threshold, actor, note)
     SELECT id, $2, severity, value, threshold, $3, $4 FROM alerts WHERE id = $1`,
    [id, action, actor, note],
  );
  const { rows } = await pool.query<AlertRecord>(`${SELECT_ALERTS} WHERE a.id = $1`, [id]);
  return { action, alert: rows[0] };
}
