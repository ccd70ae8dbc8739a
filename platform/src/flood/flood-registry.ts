import { DONE_STAGES, storageCurve, type DamCategory, type OutlookReservoir, type StagePoint } from '@yz/domain';
import { sql, type Kysely } from 'kysely';
import { characteristicLevelColumns, characteristicLevels } from '../database/characteristic-levels.js';
import type { Database } from '../database/schema.js';

/** A reservoir as the flood rules read it: the outlook's facts with its name and area. */
export interface FloodReservoir extends OutlookReservoir {
  code: string;
  name: string;
  areaCode: string;
}

/**
 * Reservoirs with their characteristic levels, curve, spillway and dam status (category, whether the
 * reinforcement passed acceptance, the restricted level where set); `codes` limits the read.
 */
export async function loadFloodReservoirs(db: Kysely<Database>, codes?: readonly string[]): Promise<FloodReservoir[]> {
  if (codes?.length === 0) return [];
  let query = db
    .selectFrom('reservoirs as r')
    .select(characteristicLevelColumns)
    .select([
      'r.code',
      'r.name',
      'r.area_code as areaCode',
      sql<number>`r.catchment_area::float8`.as('catchmentArea'),
      sql<number>`r.spillway_width::float8`.as('spillwayWidth'),
      sql<number | null>`r.restricted_level::float8`.as('restrictedLevel'),
      'r.gated_spillway as gatedSpillway',
      'r.dam_category as damCategory',
      'r.stage_storage as stageStorage',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('projects as p')
              .select('p.id')
              .whereRef('p.reservoir_code', '=', 'r.code')
              .where('p.kind', '=', 'reinforcement')
              .where('p.stage', 'in', [...DONE_STAGES]),
          )
          .as('reinforcementAccepted'),
    ])
    .orderBy('r.code');
  if (codes) query = query.where('r.code', 'in', codes);
  const rows = await query.execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    areaCode: r.areaCode,
    levels: characteristicLevels(r),
    curve: storageCurve(r.stageStorage as StagePoint[]),
    catchmentArea: r.catchmentArea,
    gatedSpillway: r.gatedSpillway,
    spillwayWidth: r.spillwayWidth,
    dam: {
      damCategory: r.damCategory as DamCategory,
      reinforcementAccepted: Boolean(r.reinforcementAccepted),
      restrictedLevel: r.restrictedLevel,
    },
  }));
}
