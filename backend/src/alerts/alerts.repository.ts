import { Injectable } from '@nestjs/common';
import type { AlertChange, AlertRecord } from '@yz/domain';
import { changeAlertByHand, selectAlerts, toAlertRecord } from '@yz/platform';
import { inScope, type AreaScope } from '../common/scope.js';
import { InjectDb, type Sql } from '../common/sql.js';
import type { AlertQueryDto } from './dto/alert-query.dto.js';

export interface AlertEvent {
  at: Date;
  action: string;
  severity: string;
  value: number | null;
  threshold: number | null;
  actor: string;
  note: string | null;
}

/** SQL for alerts as the API reads and changes them; the transitions themselves are the platform's. */
@Injectable()
export class AlertsRepository {
  constructor(@InjectDb() private readonly db: Sql) {}

  async list(scope: AreaScope, q: Omit<AlertQueryDto, 'county'>): Promise<AlertRecord[]> {
    let query = selectAlerts(this.db).where(inScope(scope, 'r.area_code'));
    if (q.state) query = query.where('a.state', '=', q.state);
    if (q.severity) query = query.where('a.severity', '=', q.severity);
    if (q.reservoir) query = query.where('a.reservoir_code', '=', q.reservoir);
    const rows = await query
      .orderBy('a.opened_at', 'desc')
      .limit(q.limit ?? 200)
      .execute();
    return rows.map(toAlertRecord);
  }

  async find(scope: AreaScope, id: string): Promise<AlertRecord | undefined> {
    const row = await selectAlerts(this.db)
      .where('a.id', '=', id)
      .where(inScope(scope, 'r.area_code'))
      .executeTakeFirst();
    return row && toAlertRecord(row);
  }

  history(id: string): Promise<AlertEvent[]> {
    return this.db
      .selectFrom('alert_events')
      .select(['at', 'action', 'severity', 'value', 'threshold', 'actor', 'note'])
      .where('alert_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  async notifications(id: string) {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('alert_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((n) => ({
      at: n.created_at.toISOString(),
      channel: n.channel,
      recipient: n.recipient_name,
      personRole: n.recipient_role,
      phone: n.phone,
      severity: n.severity,
      status: n.status,
      delivered: n.status === 'sent',
      escalated: n.level > 0,
      level: n.level,
      attempts: n.attempts,
      sentAt: n.sent_at?.toISOString() ?? null,
      error: n.last_error,
      text: n.text,
    }));
  }

  change(id: string, action: 'ack' | 'resolve', by: string, note: string | null): Promise<AlertChange | null> {
    return changeAlertByHand(this.db, id, action, by, note);
  }
}
