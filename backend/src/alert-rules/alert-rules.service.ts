import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { defaultRuleConfig, mergeOverrides, restrictedLevel, RuleConfigError, type RuleOverrides } from '@yz/domain';
import { loadFloodReservoirs } from '@yz/platform';
import { lockRows } from '../common/row-lock.js';
import { writeAudit } from '../common/audit-log.js';
import type { AuthUser } from '../common/auth-user.js';
import type { AreaScope } from '../common/scope.js';
import { InjectDb, type Sql } from '../common/sql.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { ReservoirsService } from '../reservoirs/reservoirs.service.js';

/** Engineers tune a reservoir's alert rules; the defaults come from its characteristic levels. */
@Injectable()
export class AlertRulesService {
  constructor(
    @InjectDb() private readonly db: Sql,
    private readonly reservoirs: ReservoirsService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async get(scope: AreaScope, code: string) {
    const defaults = await this.defaults(scope, code);
    const overrides = await this.overrides(code);
    return { defaults, overrides, effective: mergeOverrides(defaults, overrides ?? undefined) };
  }

  async set(user: AuthUser, scope: AreaScope, code: string, overrides: RuleOverrides) {
    const defaults = await this.defaults(scope, code);
    try {
      mergeOverrides(defaults, overrides);
    } catch (err) {
      if (err instanceof RuleConfigError) throw new BadRequestException(err.problems);
      throw err;
    }
    await this.db.transaction().execute(async (tx) => {
      await lockRows(tx, 'reservoirs', [code]);
      const before = await this.overrides(code, tx);
      await tx
        .insertInto('alert_rule_overrides')
        .values({ reservoir_code: code, overrides: JSON.stringify(overrides), updated_by: user.username })
        .onConflict((oc) =>
          oc.column('reservoir_code').doUpdateSet((eb) => ({
            overrides: eb.ref('excluded.overrides'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
      await writeAudit(tx, {
        username: user.username,
        entity: 'alert_rules',
        entityId: code,
        action: 'set',
        before,
        after: overrides,
      });
    });
    // In one process the engine picks the change up now; separate ingest processes reload within a minute.
    await this.runtime.ingest?.reloadAlertRules();
    return this.get(scope, code);
  }

  async clear(user: AuthUser, scope: AreaScope, code: string) {
    await this.reservoirs.detail(scope, code);
    await this.db.transaction().execute(async (tx) => {
      await lockRows(tx, 'reservoirs', [code]);
      const before = await this.overrides(code, tx);
      if (!before) throw new NotFoundException(`${code} has no rule overrides`);
      await tx.deleteFrom('alert_rule_overrides').where('reservoir_code', '=', code).execute();
      await writeAudit(tx, {
        username: user.username,
        entity: 'alert_rules',
        entityId: code,
        action: 'clear',
        before,
        after: null,
      });
    });
    await this.runtime.ingest?.reloadAlertRules();
    return this.get(scope, code);
  }

  /** The defaults from the reservoir's levels, its restricted level (a category-3 dam) replacing the flood limit. */
  private async defaults(scope: AreaScope, code: string) {
    await this.reservoirs.detail(scope, code);
    const [reservoir] = await loadFloodReservoirs(this.db, [code]);
    return defaultRuleConfig(reservoir.levels, restrictedLevel(reservoir.levels, reservoir.dam));
  }

  /** Inside a transaction, pass it: the embedded database has a single connection. */
  private async overrides(code: string, db: Sql = this.db): Promise<RuleOverrides | null> {
    const row = await db
      .selectFrom('alert_rule_overrides')
      .select('overrides')
      .where('reservoir_code', '=', code)
      .executeTakeFirst();
    return row?.overrides ?? null;
  }
}
