import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AlertChange, AlertRecord } from '@yz/domain';
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { poolOf, record, SELECT_ALERTS } from '@yz/platform';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth-user.js';
import type { AlertQueryDto } from './dto/alert-query.dto.js';

@Injectable()
export class AlertsService extends EventEmitter<{ alert: [AlertChange] }> {
  private readonly pool: pg.Pool;

  constructor(@InjectDataSource() ds: DataSource) {
    super();
    this.pool = poolOf(ds);
  }

  async list(user: AuthUser, q: AlertQueryDto): Promise<AlertRecord[]> {
    const { rows } = await this.pool.query<AlertRecord>(
      `${SELECT_ALERTS}
       WHERE ($1::text IS NULL OR a.state = $1) AND ($2::text IS NULL OR a.severity = $2)
         AND ($3::text IS NULL OR r.area_code = $3) AND ($4::text IS NULL OR r.area_code = $4)
         AND ($5::text IS NULL OR a.reservoir_code = $5)
       ORDER BY a.opened_at DESC LIMIT $6`,
      [q.state ?? null, q.severity ?? null, user.areaCode, q.county ?? null, q.reservoir ?? null, q.limit ?? 200],
    );
    return rows;
  }

  async history(user: AuthUser, id: string) {
    await this.findInScope(user, id);
    const { rows } = await this.pool.query(
      `SELECT at, action, severity, value, threshold, actor, note FROM alert_events WHERE alert_id = $1 ORDER BY at, id`,
      [id],
    );
    return rows;
  }

  async acknowledge(user: AuthUser, id: string, note: string | undefined): Promise<AlertRecord> {
    await this.findInScope(user, id);
    const { rowCount } = await this.pool.query(
      `UPDATE alerts SET state = 'acknowledged', acknowledged_at = now(), acknowledged_by = $2, updated_at = now()
       WHERE id = $1 AND state = 'open'`,
      [id, user.username],
    );
    if (!rowCount) throw new ConflictException('Only an open alert can be acknowledged');
    return this.publish(await record(this.pool, id, 'ack', user.username, note ?? null));
  }

  async resolve(user: AuthUser, id: string, note: string | undefined): Promise<AlertRecord> {
    if (!note?.trim()) throw new BadRequestException('note: say what was done to resolve the alert');
    await this.findInScope(user, id);
    const { rowCount } = await this.pool.query(
      `UPDATE alerts SET state = 'resolved', resolved_at = now(), resolved_by = $2, note = $3, updated_at = now()
       WHERE id = $1 AND state <> 'resolved'`,
      [id, user.username, note],
    );
    if (!rowCount) throw new ConflictException('The alert is already resolved');
    return this.publish(await record(this.pool, id, 'resolve', user.username, note));
  }

  private publish(change: AlertChange): AlertRecord {
    this.emit('alert', change);
    return change.alert;
  }

  private async findInScope(user: AuthUser, id: string): Promise<AlertRecord> {
    if (!/^[0-9]{1,18}$/.test(id)) throw new BadRequestException('Alert id must be a number');
    const { rows } = await this.pool.query<AlertRecord>(`${SELECT_ALERTS} WHERE a.id = $1`, [id]);
    const alert = rows[0];
    if (!alert || (user.areaCode && alert.county !== user.areaCode)) throw new NotFoundException(`No alert ${id}`);
    return alert;
  }
}
