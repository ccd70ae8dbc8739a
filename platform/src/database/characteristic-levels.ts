import type { CharacteristicLevels } from '@yz/domain';
import { sql } from 'kysely';

/** The characteristic levels of `reservoirs as r` as numbers (numeric columns come back from pg as strings). */
export const characteristicLevelColumns = [
  sql<number>`r.dead_level::float8`.as('deadLevel'),
  sql<number>`r.flood_limit_level::float8`.as('floodLimitLevel'),
  sql<number>`r.normal_level::float8`.as('normalLevel'),
  sql<number>`r.design_flood_level::float8`.as('designFloodLevel'),
  sql<number>`r.check_flood_level::float8`.as('checkFloodLevel'),
  sql<number>`r.crest_elevation::float8`.as('crestElevation'),
] as const;

/** The levels object of a row read with `characteristicLevelColumns`. */
export function characteristicLevels(row: CharacteristicLevels): CharacteristicLevels {
  return {
    deadLevel: row.deadLevel,
    floodLimitLevel: row.floodLimitLevel,
    normalLevel: row.normalLevel,
    designFloodLevel: row.designFloodLevel,
    checkFloodLevel: row.checkFloodLevel,
    crestElevation: row.crestElevation,
  };
}
