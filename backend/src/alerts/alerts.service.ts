import { BadRequestException, ConflictException, HttpException, Injectable, NotFoundException } from '@nestjs/common';
import type { AlertChange, AlertRecord } from '@yz/domain';
import { EventEmitter } from 'node:events';
import type { AuthUser } from '../common/auth-user.js';
import type { AreaScope } from '../common/scope.js';
import { AlertsRepository } from './alerts.repository.js';
import type { AlertQueryDto } from './dto/alert-query.dto.js';

@Injectable()
export class AlertsService extends EventEmitter<{ alert: [AlertChange] }> {
  constructor(private readonly repo: AlertsRepository) {
    super();
  }

  list(scope: AreaScope, q: AlertQueryDto): Promise<AlertRecord[]> {
    return this.repo.list(scope.narrow(q.county), q);
  }

  async history(scope: AreaScope, id: string) {
    await this.findInScope(scope, id);
    return this.repo.history(id);
  }

  async acknowledge(user: AuthUser, scope: AreaScope, id: string, note: string | undefined): Promise<AlertRecord> {
    await this.findInScope(scope, id);
    const change = await this.repo.change(id, 'ack', user.username, note ?? null);
    if (!change) throw new ConflictException('Only an open alert can be acknowledged');
    return this.publish(change);
  }

  async acknowledgeMany(user: AuthUser, scope: AreaScope, ids: string[], note: string | undefined) {
    const acknowledged: AlertRecord[] = [];
    const failed: { id: string; message: string }[] = [];
    for (const id of new Set(ids)) {
      try {
        acknowledged.push(await this.acknowledge(user, scope, id, note));
      } catch (err) {
        if (!(err instanceof HttpException)) throw err;
        failed.push({ id, message: err.message });
      }
    }
    return { acknowledged, failed };
  }

  async notifications(scope: AreaScope, id: string) {
    await this.findInScope(scope, id);
    return this.repo.notifications(id);
  }

  async resolve(user: AuthUser, scope: AreaScope, id: string, note: string | undefined): Promise<AlertRecord> {
    if (!note?.trim()) throw new BadRequestException('note: say what was done to resolve the alert');
    await this.findInScope(scope, id);
    const change = await this.repo.change(id, 'resolve', user.username, note);
    if (!change) throw new ConflictException('The alert is already resolved');
    return this.publish(change);
  }

  private publish(change: AlertChange): AlertRecord {
    this.emit('alert', change);
    return change.alert;
  }

  private async findInScope(scope: AreaScope, id: string): Promise<AlertRecord> {
    if (!/^[0-9]{1,18}$/.test(id)) throw new BadRequestException('Alert id must be a number');
    const alert = await this.repo.find(scope, id);
    if (!alert) throw new NotFoundException(`No alert ${id}`);
    return alert;
  }
}
