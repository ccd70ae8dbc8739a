import {
  defaultRuleConfig,
  mergeOverrides,
  restrictedLevel,
  type CharacteristicLevels,
  type RuleConfig,
  type RuleOverrides,
  type SensorType,
} from '@yz/domain';
import { loadFloodReservoirs, type Database, type FloodReservoir } from '@yz/platform';
import { sql, type Kysely } from 'kysely';

export interface ReservoirRules {
  config: RuleConfig;
  sensors: Map<number, { code: string; type: SensorType; threshold: number | null }>;
  /** The reservoir as the flood rules read it (curve, spillway, dam status). */
  flood: FloodReservoir;
  /** The restricted level in force, which replaced the flood-limit level in `config`; null when none is. */
  restrictedLevel: number | null;
}

/**
 * Each reservoir's rule settings — defaults from its characteristic levels (and restricted level) with the
 * engineer's overrides merged over them — and its sensors with their thresholds, by reservoir code.
 */
export async function loadReservoirRules(db: Kysely<Database>): Promise<Map<string, ReservoirRules>> {
  const reservoirs = await loadFloodReservoirs(db);
  const overrides = new Map(
    (await db.selectFrom('alert_rule_overrides').select(['reservoir_code', 'overrides']).execute()).map((o) => [
      o.reservoir_code,
      o.overrides,
    ]),
  );
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
    reservoirs.map((r) => {
      const restricted = restrictedLevel(r.levels, r.dam);
      const config = ruleConfig(r.code, r.levels, restricted, overrides.get(r.code) ?? null);
      return [r.code, { config, sensors: new Map(), flood: r, restrictedLevel: restricted }];
    }),
  );
  for (const s of sensors) rules.get(s.reservoir)?.sensors.set(s.id, s);
  return rules;
}

function ruleConfig(
  code: string,
  levels: CharacteristicLevels,
  restricted: number | null,
  overrides: RuleOverrides | null,
): RuleConfig {
  const defaults = defaultRuleConfig(levels, restricted);
  try {
    return mergeOverrides(defaults, overrides ?? undefined);
  } catch (err) {
    // Overrides are validated when saved; one that no longer fits (levels changed since) must not stop alerting.
    console.error(`alert rules of ${code}: ${(err as Error).message}; using the defaults`);
    return defaults;
  }
}
