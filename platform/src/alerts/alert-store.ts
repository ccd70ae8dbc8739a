import type { AlertAction, AlertChange, AlertRecord, Evaluation } from '@yz/domain';
import { sql, type Expression, type Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

/**
 * The alerts table and its history, as ingest's rule engine and the backend's acknowledge/resolve use them. Every
 * transition writes the state change and its history row in one transaction.
 */

/** Selects alerts with their reservoir; callers add WHERE / ORDER BY on `a` (alerts) and `r` (reservoirs). */
export function selectAlerts(db: Kysely<Database>) {
  return db
    .selectFrom('alerts as a')
    .innerJoin('reservoirs as r', 'r.code', 'a.reservoir_code')
    .select([
      'a.id',
      'a.reservoir_code as reservoirCode',
      'r.name as reservoirName',
      'r.area_code as county',
      'a.rule_key as ruleKey',
      'a.type',
      'a.severity',
      'a.state',
      'a.opened_at as openedAt',
      'a.updated_at as updatedAt',
      'a.value',
      'a.threshold',
      'a.message_zh as messageZh',
      'a.message_en as messageEn',
      'a.acknowledged_at as acknowledgedAt',
      'a.acknowledged_by as acknowledgedBy',
      'a.resolved_at as resolvedAt',
      'a.resolved_by as resolvedBy',
      'a.note',
      'a.drill',
    ]);
}

type AlertRow = Awaited<ReturnType<ReturnType<typeof selectAlerts>['executeTakeFirstOrThrow']>>;

/** A selected row as the API and the `alert` event carry it. */
export function toAlertRecord(r: AlertRow): AlertRecord {
  return {
    id: r.id,
    reservoirCode: r.reservoirCode,
    reservoirName: r.reservoirName,
    county: r.county,
    ruleKey: r.ruleKey,
    type: r.type,
    severity: r.severity,
    state: r.state,
    openedAt: r.openedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    value: r.value,
    threshold: r.threshold,
    message: { zh: r.messageZh, en: r.messageEn },
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: r.acknowledgedBy,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolvedBy: r.resolvedBy,
    note: r.note,
    drill: r.drill,
  };
}

export async function findAlert(db: Kysely<Database>, id: string): Promise<AlertRecord | undefined> {
  const row = await selectAlerts(db).where('a.id', '=', id).executeTakeFirst();
  return row && toAlertRecord(row);
}

/** Position of a severity in the warning colours, for "worse than" in SQL. */
const rank = (severity: Expression<string>) =>
  sql<number>`array_position(ARRAY['info', 'warning', 'major', 'critical'], ${severity})`;

/**
 * Applies one rule's verdict: opens an alert, escalates the active one in place when the new severity is worse,
 * or auto-resolves it once the value is clear of the hysteresis band. The partial unique index makes the
 * insert-or-escalate safe when several ingest processes judge the same reservoir at once.
 * Returns the changed alert with what happened, or null when nothing changed.
 */
export async function applyEvaluation(
  db: Kysely<Database>,
  reservoirCode: string,
  e: Evaluation,
  at: Date,
): Promise<AlertChange | null> {
  const severity = e.severity;
  if (severity) {
    return db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('alerts')
        .values({
          reservoir_code: reservoirCode,
          rule_key: e.ruleKey,
          type: e.ruleKey.split(':')[0]!,
          severity,
          opened_at: at,
          updated_at: at,
          value: e.value,
          threshold: e.threshold,
          message_zh: e.message.zh,
          message_en: e.message.en,
          // Alerts opened while a storm drill runs are drill alerts (cheap: drills are few, indexed by end).
          drill: sql<boolean>`exists (select 1 from storm_drills d where ${at} between d.started_at and d.ends_at)`,
        })
        .onConflict((oc) =>
          oc
            .columns(['reservoir_code', 'rule_key'])
            .where('state', '<>', 'resolved')
            .doUpdateSet((eb) => ({
              severity: eb.ref('excluded.severity'),
              updated_at: eb.ref('excluded.updated_at'),
              value: eb.ref('excluded.value'),
              threshold: eb.ref('excluded.threshold'),
              message_zh: eb.ref('excluded.message_zh'),
              message_en: eb.ref('excluded.message_en'),
            }))
            .where((eb) => eb(rank(eb.ref('excluded.severity')), '>', rank(eb.ref('alerts.severity')))),
        )
        .returning(['id', sql<boolean>`(xmax = 0)`.as('inserted')])
        .executeTakeFirst();
      return row ? record(tx, row.id, row.inserted ? 'open' : 'escalate', 'system', null) : null;
    });
  }
  if (!e.clear) return null;
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('alerts')
      .set({
        state: 'resolved',
        resolved_at: at,
        resolved_by: 'system',
        updated_at: at,
        value: e.value,
        note: 'auto-resolved: back within limits',
      })
      .where('reservoir_code', '=', reservoirCode)
      .where('rule_key', '=', e.ruleKey)
      .where('state', '<>', 'resolved')
      .returning('id')
      .executeTakeFirst();
    return row ? record(tx, row.id, 'resolve', 'system', 'auto-resolved') : null;
  });
}

/**
 * A person acknowledges an open alert or resolves an active one with a note. Null when the alert is not in a
 * state that allows it (already acknowledged, already resolved).
 */
export async function changeAlertByHand(
  db: Kysely<Database>,
  id: string,
  action: 'ack' | 'resolve',
  by: string,
  note: string | null,
): Promise<AlertChange | null> {
  return db.transaction().execute(async (tx) => {
    const changed =
      action === 'ack'
        ? tx
            .updateTable('alerts')
            .set({ state: 'acknowledged', acknowledged_at: sql`now()`, acknowledged_by: by, updated_at: sql`now()` })
            .where('state', '=', 'open')
        : tx
            .updateTable('alerts')
            .set({ state: 'resolved', resolved_at: sql`now()`, resolved_by: by, note, updated_at: sql`now()` })
            .where('state', '<>', 'resolved');
    const row = await changed.where('id', '=', id).returning('id').executeTakeFirst();
    return row ? record(tx, row.id, action, by, note) : null;
  });
}

/** Writes the history row for a transition and returns the alert as it now stands. */
async function record(
  tx: Kysely<Database>,
  id: string,
  action: AlertAction,
  actor: string,
  note: string | null,
): Promise<AlertChange> {
  await tx
    .insertInto('alert_events')
    .columns(['alert_id', 'action', 'severity', 'value', 'threshold', 'actor', 'note'])
    .expression(
      tx
        .selectFrom('alerts')
        .select([
          'id',
          sql<AlertAction>`${action}::text`.as('action'),
          'severity',
          'value',
          'threshold',
          sql<string>`${actor}::text`.as('actor'),
          sql<string | null>`${note}::text`.as('note'),
        ])
        .where('id', '=', id),
    )
    .execute();
  const alert = await findAlert(tx, id);
  return { action, alert: alert! };
}
