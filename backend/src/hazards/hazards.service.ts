import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user.js';
import { writeAudits } from '../common/audit-log.js';
import { reservoirInScope } from '../common/reservoir-in-scope.js';
import { pageOf } from '../common/paging.js';
import type { AreaScope } from '../common/scope.js';
import type { Sql } from '../common/sql.js';
import { beijingDate } from '@yz/domain';
import { closingError, hazardDatesError, isHazardOverdue } from './hazard-rules.js';
import type { CloseHazardDto, CreateHazardDto, HazardDto, HazardListQueryDto } from './hazards.dto.js';
import { HazardsRepository, type HazardRow, type HazardValues } from './hazards.repository.js';

@Injectable()
export class HazardsService {
  constructor(private readonly repo: HazardsRepository) {}

  /** One page of the ledger (`all`: every row, for the export). */
  async list(scope: AreaScope, q: HazardListQueryDto, now = new Date(), all = false): Promise<HazardDto[]> {
    const today = beijingDate(now);
    const rows = await this.repo.list({
      scope: scope.narrow(q.county),
      status: q.status ?? null,
      reservoirCode: q.reservoirCode ?? null,
      overdueBefore: q.overdue === 'true' ? today : null,
      notOverdueFrom: q.overdue === 'false' ? today : null,
      page: all ? null : pageOf(q),
    });
    return rows.map((h) => hazardView(h, today));
  }

  async create(user: AuthUser, scope: AreaScope, dto: CreateHazardDto, now = new Date()): Promise<HazardDto> {
    const today = beijingDate(now);
    const values: HazardValues = {
      reservoirCode: dto.reservoirCode,
      foundOn: dto.foundOn,
      foundBy: dto.foundBy.trim(),
      source: dto.source,
      locationOnDam: dto.locationOnDam,
      description: dto.description.trim(),
      severity: dto.severity,
      rectificationDeadline: dto.rectificationDeadline,
      status: dto.status ?? 'open',
      closedOn: null,
      closingEvidence: null,
      closedBy: null,
    };
    const error = hazardDatesError(values, today);
    if (error) throw new BadRequestException(error);
    const row = await this.repo.transaction(async (tx) => {
      if (!(await reservoirInScope(tx, scope, dto.reservoirCode))) {
        throw new NotFoundException(`No reservoir ${dto.reservoirCode}`);
      }
      return this.save(tx, scope, user.username, null, values);
    });
    return hazardView(row, today);
  }

  /** 对账销号: closes an open hazard with the evidence of its rectification. */
  async close(user: AuthUser, scope: AreaScope, id: number, dto: CloseHazardDto, now = new Date()): Promise<HazardDto> {
    const today = beijingDate(now);
    const closedOn = dto.closedOn ?? today;
    if (closedOn > today) throw new BadRequestException('closedOn must not be in the future');
    const row = await this.repo.transaction(async (tx) => {
      // Locked before it is read: of concurrent closes, the first wins and the others see it closed.
      await this.repo.lock(tx, [id]);
      const before = await this.findInScope(scope, id, tx);
      if (before.status === 'closed') throw new ConflictException(`Hazard ${id} is already closed`);
      const error = closingError(dto.evidence, closedOn, before.foundOn);
      if (error) throw new BadRequestException(error);
      const values: HazardValues = {
        ...valuesOf(before),
        status: 'closed',
        closedOn,
        closingEvidence: dto.evidence.trim(),
        closedBy: user.username,
      };
      return this.save(tx, scope, user.username, before, values, 'close');
    });
    return hazardView(row, today);
  }

  /** Inserts (before = null) or updates a hazard with its audit entry, in the caller's transaction. */
  async save(
    tx: Sql,
    scope: AreaScope,
    username: string,
    before: HazardRow | null,
    values: HazardValues,
    action = before ? 'update' : 'create',
  ): Promise<HazardRow> {
    const [id] = await this.saveMany(tx, username, [{ before, values }], action);
    return (await this.repo.find(scope, id, tx))!;
  }

  /**
   * Inserts (before = null) or updates many hazards with their audit entries (a ledger import), a few set-based
   * statements however many rows; their ids in the order given.
   */
  async saveMany(
    tx: Sql,
    username: string,
    changes: readonly { before: HazardRow | null; values: HazardValues }[],
    action?: string,
  ): Promise<number[]> {
    const fresh = changes.filter((c) => !c.before).map((c) => c.values);
    const freshIds = await this.repo.insertMany(tx, fresh, username);
    const updates = changes.flatMap((c) => (c.before ? [{ id: c.before.id, values: c.values }] : []));
    await this.repo.updateMany(tx, updates);
    let next = 0;
    const ids = changes.map((c) => c.before?.id ?? freshIds[next++]);
    await writeAudits(
      tx,
      changes.map((c, i) => ({
        username,
        entity: 'hazard',
        entityId: ids[i],
        action: action ?? (c.before ? 'update' : 'create'),
        before: c.before ? valuesOf(c.before) : null,
        after: c.values,
      })),
    );
    return ids;
  }

  /** Hazards in scope among these ids (inside a transaction, pass it). */
  findMany(scope: AreaScope, ids: readonly number[], tx?: Sql): Promise<HazardRow[]> {
    return this.repo.findMany(scope, ids, tx);
  }

  /** Locks hazards for the rest of the transaction, before they are read and changed. */
  lock(tx: Sql, ids: readonly number[]): Promise<void> {
    return this.repo.lock(tx, ids);
  }

  /** A hazard in scope, or null (inside a transaction, pass it). */
  find(scope: AreaScope, id: number, tx?: Sql): Promise<HazardRow | null> {
    return this.repo.find(scope, id, tx);
  }

  private async findInScope(scope: AreaScope, id: number, tx: Sql): Promise<HazardRow> {
    const row = await this.repo.find(scope, id, tx);
    if (!row) throw new NotFoundException(`No hazard ${id}`);
    return row;
  }
}

export function valuesOf(h: HazardRow): HazardValues {
  return {
    reservoirCode: h.reservoirCode,
    foundOn: h.foundOn,
    foundBy: h.foundBy,
    source: h.source,
    locationOnDam: h.locationOnDam,
    description: h.description,
    severity: h.severity,
    rectificationDeadline: h.rectificationDeadline,
    status: h.status,
    closedOn: h.closedOn,
    closingEvidence: h.closingEvidence,
    closedBy: h.closedBy,
  };
}

function hazardView(h: HazardRow, today: string): HazardDto {
  return { ...h, overdue: isHazardOverdue(h, today) };
}
