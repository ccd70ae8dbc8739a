import type { CharacteristicLevels, SensorType } from '@yz/common';
import type pg from 'pg';
import { defaultRuleConfig, type RuleConfig } from './rules/index.js';

export interface ReservoirRules {
  config: RuleConfig;
  sensors: Map<number, { code: string; type: SensorType; threshold: number | null }>;
}

/** Each reservoir's rule settings (defaults from its characteristic levels) and sensor thresholds, by code. */
export async function loadReservoirRules(pool: pg.Pool): Promise<Map<string, ReservoirRules>> {
  const { rows } = await pool.query<{ code: string; levels: CharacteristicLevels }>(
    `SELECT code, json_build_object('deadLevel', dead_level, 'floodLimitLevel', flood_limit_level,
              'normalLevel', normal_level, 'designFloodLevel', design_flood_level,
              'checkFloodLevel', check_flood_level, 'crestElevation', crest_elevation) AS levels
     FROM reservoirs`,
  );
  const sensors = await pool.query<{
    id: number;
    reservoir: string;
    code: string;
    type: SensorType;
    threshold: number | null;
  }>(`SELECT id, reservoir_code AS reservoir, code, type, threshold::float8 AS threshold FROM sensors`);
  const rules = new Map<string, ReservoirRules>(
    rows.map((r) => [r.code, { config: defaultRuleConfig(r.levels), sensors: new Map() }]),
  );
  for (const s of sensors.rows) rules.get(s.reservoir)?.sensors.set(s.id, s);
  return rules;
}
