import {
  defaultRuleConfig,
  mergeOverrides,
  type CharacteristicLevels,
  type RuleConfig,
  type RuleOverrides,
  type SensorType,
} from '@yz/domain';
import type { Database } from '@yz/platform';
import { sql, type Kysely } from 'kysely';

export interface ReservoirRules {
  config: RuleConfig;
  sensors: Map<number, { code: string; type: SensorType; threshold: number | null }>;
}

/**
 * Each reservoir's rule settings — defaults from its characteristic levels with the engineer's overrides merged
 * over them — and its sensors with their thresholds, by reservoir code.
 */
export async function loadReservoirRules(db: Kysely<Database>): Promise<Map<string, ReservoirRules>> {
  const rows = await db
    .selectFrom('reservoirs as r')
    .leftJoin('alert_rule_overrides as o', 'o.reservoir_code', 'r.code')
    .select([
      'r.code',
      sql<CharacteristicLevels>`json_build_object('deadLevel', dead_level, 'floodLimitLevel', flood_limit_level,
        'normalLevel', normal_level, 'designFloodLevel', design_flood_level,
        'checkFloodLevel', check_flood_level, 'crestElevation', crest_elevation)`.as('levels'),
      'o.overrides',
    ])
    .execute();
  const sensors = await db
    .selectFrom('sensors')
    .select([
      'id',
      'reservoir_code as reservoir',
      'code',
      'type',
      sql<number | null>`threshold::float8`.as('threshold'),
    ])
    .execute();
  const rules = new Map<string, ReservoirRules>(
    rows.map((r) => [r.code, { config: ruleConfig(r.code, r.levels, r.overrides), sensors: new Map() }]),
  );
  for (const s of sensors) rules.get(s.reservoir)?.sensors.set(s.id, s);
  return rules;
}

function ruleConfig(code: string, levels: CharacteristicLevels, overrides: RuleOverrides | null): RuleConfig {
  const defaults = defaultRuleConfig(levels);
  try {
    return mergeOverrides(defaults, overrides ?? undefined);
  } catch (err) {
    // Overrides are validated when saved; one that no longer fits (levels changed since) must not stop alerting.
    console.error(`alert rules of ${code}: ${(err as Error).message}; using the defaults`);
    return defaults;
  }
}
