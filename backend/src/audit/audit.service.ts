import { Injectable, NotFoundException } from '@nestjs/common';
import { pageOf, type PageQueryDto } from '../common/paging.js';
import { reservoirInScope } from '../common/reservoir-in-scope.js';
import type { AreaScope } from '../common/scope.js';
import { InjectDb, type Sql } from '../common/sql.js';

/** Reads audit_log (written by each register's service in the transaction of its change). */
@Injectable()
export class AuditService {
  constructor(@InjectDb() private readonly db: Sql) {}

  /** A reservoir's entries: its hazards (audited by hazard id), its four persons (`code/role`), its rules and itself. */
  async forReservoir(scope: AreaScope, code: string, q: PageQueryDto) {
    if (!(await reservoirInScope(this.db, scope, code))) throw new NotFoundException(`No reservoir ${code}`);
    const page = pageOf(q);
    return this.db
      .selectFrom('audit_log as a')
      .select(['a.id', 'a.at', 'a.username', 'a.entity', 'a.entity_id as entityId', 'a.action', 'a.before', 'a.after'])
      .where((eb) =>
        eb.or([
          eb.and([eb('a.entity', 'in', ['alert_rules', 'reservoir']), eb('a.entity_id', '=', code)]),
          eb.and([eb('a.entity', '=', 'responsible_person'), eb('a.entity_id', 'like', `${code}/%`)]),
          eb.and([
            eb('a.entity', '=', 'hazard'),
            eb(
              'a.entity_id',
              'in',
              eb
                .selectFrom('hazards as h')
                .select((sb) => sb.cast<string>('h.id', 'text').as('id'))
                .where('h.reservoir_code', '=', code),
            ),
          ]),
        ]),
      )
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  }
}
