import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user.js';
import { writeAudits } from '../common/audit-log.js';
import { reservoirInScope } from '../common/reservoir-in-scope.js';
import type { AreaScope } from '../common/scope.js';
import type { Sql } from '../common/sql.js';
import { lockRows } from '../common/row-lock.js';
import { CONTENT_TYPES, writeSheet, type Format } from '../common/spreadsheet.js';
import { beijingDate } from '@yz/domain';
import { publicListRows, PUBLIC_LIST_HEADER, trainingError, type PersonRole, type PersonRow } from './person-roles.js';
import type {
  PersonExportQueryDto,
  PersonListQueryDto,
  PersonRowDto,
  PutPersonDto,
} from './responsible-persons.dto.js';
import { ResponsiblePersonsRepository, type PersonKey, type PersonValues } from './responsible-persons.repository.js';

@Injectable()
export class ResponsiblePersonsService {
  constructor(private readonly repo: ResponsiblePersonsRepository) {}

  list(scope: AreaScope, q: PersonListQueryDto): Promise<PersonRowDto[]> {
    const trained = q.trained === undefined ? null : q.trained === 'true';
    return this.repo.list({ scope: scope.narrow(q.county), trained });
  }

  async put(
    user: AuthUser,
    scope: AreaScope,
    code: string,
    role: PersonRole,
    dto: PutPersonDto,
    now = new Date(),
  ): Promise<PersonRowDto> {
    const values = { name: dto.name.trim(), phone: dto.phone, trained: dto.trained, trainedOn: dto.trainedOn ?? null };
    const error = trainingError(values.trained, values.trainedOn, beijingDate(now));
    if (error) throw new BadRequestException(error);
    return this.repo.transaction(async (tx) => {
      if (!(await reservoirInScope(tx, scope, code))) throw new NotFoundException(`No reservoir ${code}`);
      return this.save(tx, user.username, code, role, values);
    });
  }

  /** Writes one person and its audit entry inside the caller's transaction (also used by the ledger import). */
  async save(tx: Sql, username: string, code: string, role: PersonRole, v: PersonValues): Promise<PersonRow> {
    return (await this.saveMany(tx, username, [{ code, role, values: v }]))[0];
  }

  /**
   * Writes many persons with their audit entries (a ledger import), a few set-based statements however many; the
   * persons as written, in no particular order. The reservoirs' rows serialise changes to their persons, so each
   * audit's `before` is what was replaced.
   */
  async saveMany(
    tx: Sql,
    username: string,
    persons: readonly (PersonKey & { values: PersonValues })[],
  ): Promise<PersonRow[]> {
    await lockRows(tx, 'reservoirs', [...new Set(persons.map((p) => p.code))]);
    const keyOf = (p: { reservoirCode: string; role: PersonRole }) => `${p.reservoirCode}/${p.role}`;
    const before = new Map((await this.repo.findMany(persons, tx)).map((p) => [keyOf(p), p]));
    await this.repo.upsertMany(tx, persons);
    const after = await this.repo.findMany(persons, tx);
    await writeAudits(
      tx,
      after.map((p) => ({
        username,
        entity: 'responsible_person',
        entityId: keyOf(p),
        action: before.has(keyOf(p)) ? 'update' : 'create',
        before: before.get(keyOf(p)) ?? null,
        after: p,
      })),
    );
    return after;
  }

  /** The yearly public list as a file (名单每年公布). */
  async exportList(scope: AreaScope, q: PersonExportQueryDto) {
    const format: Format = q.format ?? 'xlsx';
    const persons = await this.repo.list({ scope: scope.narrow(q.county), trained: null });
    const body = await writeSheet(format, `${q.year}年水库责任人名单`, PUBLIC_LIST_HEADER, publicListRows(persons));
    return { body, contentType: CONTENT_TYPES[format], filename: `responsible-persons-${q.year}.${format}` };
  }
}
