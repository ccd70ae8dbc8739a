import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth-user.js';
import { writeAudit } from '../common/audit-log.js';
import { inScope, reservoirArea, scopedArea } from '../common/scope.js';
import { beijingDate } from '@yz/domain';
import { closingError, hazardDatesError, isHazardOverdue } from './hazard-rules.js';
import type { CloseHazardDto, CreateHazardDto, HazardListQueryDto } from './hazards.dto.js';
import { HazardsRepository, type HazardRow, type HazardValues } from './hazards.repository.js';

@Injectable()
export class HazardsService {
  constructor(private readonly repo: HazardsRepository) {}

  async list(user: AuthUser, q: HazardListQueryDto, now = new Date()) {
    const today = beijingDate(now);
    const rows = await this.repo.list({
      areaCode: scopedArea(user, q.county),
      status: q.status ?? null,
      reservoirCode: q.reservoirCode ?? null,
      overdueBefore: q.overdue === 'true' ? today : null,
      notOverdueFrom: q.overdue === 'false' ? today : null,
    });
    return rows.map((h) => hazardView(h, today));
  }

  async create(user: AuthUser, dto: CreateHazardDto, now = new Date()) {
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
      const area = await reservoirArea(tx, dto.reservoirCode);
      if (!area || !inScope(user, area)) throw new NotFoundException(`No reservoir ${dto.reservoirCode}`);
      return this.save(tx, user.username, null, values);
    });
    return hazardView(row, today);
  }

  /** 对账销号: closes an open hazard with the evidence of its rectification. */
  async close(user: AuthUser, id: number, dto: CloseHazardDto, now = new Date()) {
    const today = beijingDate(now);
    const closedOn = dto.closedOn ?? today;
    if (closedOn > today) throw new BadRequestException('closedOn must not be in the future');
    const row = await this.repo.transaction(async (tx) => {
      const before = await this.findInScope(user, id, tx);
      await this.repo.lock(tx, id);
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
      return this.save(tx, user.username, before, values, 'close');
    });
    return hazardView(row, today);
  }

  /** Inserts (before = null) or updates a hazard with its audit entry, in the caller's transaction. */
  async save(
    tx: EntityManager,
    username: string,
    before: HazardRow | null,
    values: HazardValues,
    action = before ? 'update' : 'create',
  ): Promise<HazardRow> {
    let id: number;
    if (before) {
      id = before.id;
      await this.repo.update(tx, id, values);
    } else {
      id = await this.repo.insert(tx, values, username);
    }
    await writeAudit(tx, {
      username,
      entity: 'hazard',
      entityId: id,
      action,
      before: before ? valuesOf(before) : null,
      after: values,
    });
    return (await this.repo.find(id, tx))!;
  }

  find(id: number, tx?: EntityManager): Promise<HazardRow | null> {
    return this.repo.find(id, tx);
  }

  private async findInScope(user: AuthUser, id: number, tx: EntityManager): Promise<HazardRow> {
    const row = await this.repo.find(id, tx);
    if (!row || !inScope(user, row.county)) throw new NotFoundException(`No hazard ${id}`);
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

function hazardView(h: HazardRow, today: string) {
  return { ...h, overdue: isHazardOverdue(h, today) };
}
