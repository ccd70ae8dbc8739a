import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { defaultRuleConfig, mergeOverrides, RuleConfigError, type RuleOverrides } from '@yz/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { writeAudit } from '../common/audit-log.js';
import type { AuthUser } from '../common/auth-user.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { ReservoirsService } from '../reservoirs/reservoirs.service.js';

/** Engineers tune a reservoir's alert rules; the defaults come from its characteristic levels. */
@Injectable()
export class AlertRulesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reservoirs: ReservoirsService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async get(user: AuthUser, code: string) {
    const { levels } = await this.reservoirs.detail(user, code);
    const overrides = await this.overrides(code);
    const defaults = defaultRuleConfig(levels);
    return { defaults, overrides, effective: mergeOverrides(defaults, overrides ?? undefined) };
  }

  async set(user: AuthUser, code: string, overrides: RuleOverrides) {
    const { levels } = await this.reservoirs.detail(user, code);
    try {
      mergeOverrides(defaultRuleConfig(levels), overrides);
    } catch (err) {
      if (err instanceof RuleConfigError) throw new BadRequestException(err.problems);
      throw err;
    }
    await this.ds.transaction(async (tx) => {
      const before = await this.overrides(code, tx);
      await tx.query(
        `INSERT INTO alert_rule_overrides (reservoir_code, overrides, updated_by, updated_at)
         VALUES ($1, $2::jsonb, $3, now())
         ON CONFLICT (reservoir_code) DO UPDATE SET overrides = excluded.overrides, updated_by = excluded.updated_by,
           updated_at = excluded.updated_at`,
        [code, JSON.stringify(overrides), user.username],
      );
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
    return this.get(user, code);
  }

  async clear(user: AuthUser, code: string) {
    await this.reservoirs.detail(user, code);
    await this.ds.transaction(async (tx) => {
      const before = await this.overrides(code, tx);
      if (!before) throw new NotFoundException(`${code} has no rule overrides`);
      await tx.query(`DELETE FROM alert_rule_overrides WHERE reservoir_code = $1`, [code]);
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
    return this.get(user, code);
  }

  /** Inside a transaction, pass its manager: the embedded database has a single connection. */
  private async overrides(code: string, sql: Pick<EntityManager, 'query'> = this.ds): Promise<RuleOverrides | null> {
    const rows = (await sql.query(`SELECT overrides FROM alert_rule_overrides WHERE reservoir_code = $1`, [code])) as {
      overrides: RuleOverrides;
    }[];
    return rows[0]?.overrides ?? null;
  }
}
