import type { Database } from '@yz/platform';
import { sql, type Kysely } from 'kysely';
import { insertChunked } from './insert-chunked.js';
import { SENSOR_TYPES, type Registry, type ReservoirSeed } from '@yz/domain';

/**
 * Loads the registry idempotently: rows that already exist (by code) are left as they are, so a re-run or a
 * second process starting at the same time changes nothing. Each chunk of a table is one statement over a JSON array.
 */
export async function loadRegistry(db: Kysely<Database>, registry: Registry): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await insertChunked(
      tx,
      (json) => sql`INSERT INTO areas (code, name, name_en, center_lon, center_lat)
       SELECT code, name, "nameEn", center[1], center[2]
       FROM jsonb_to_recordset(${json}::jsonb) AS x(code text, name text, "nameEn" text, center double precision[])
       ON CONFLICT (code) DO NOTHING`,
      registry.areas,
    );
    await insertChunked(
      tx,
      (
        json,
      ) => sql`INSERT INTO reservoirs (code, name, area_code, scale, dam_type, dam_height, total_storage, catchment_area,
         gated_spillway, spillway_width, dead_level, flood_limit_level, normal_level, design_flood_level,
         check_flood_level, crest_elevation, stage_storage, longitude, latitude, management_mode, dam_category,
         completion_year, last_appraisal, next_appraisal, dam_safety_monitoring)
       SELECT code, name, "areaCode", scale, "damType", "damHeight", "totalStorage", "catchmentArea",
         "gatedSpillway", "spillwayWidth", (levels->>'deadLevel')::numeric, (levels->>'floodLimitLevel')::numeric,
         (levels->>'normalLevel')::numeric, (levels->>'designFloodLevel')::numeric,
         (levels->>'checkFloodLevel')::numeric, (levels->>'crestElevation')::numeric, "stageStorage", longitude,
         latitude, "managementMode", "damCategory", "completionYear", "lastAppraisal", "nextAppraisal",
         "damSafetyMonitoring"
       FROM jsonb_to_recordset(${json}::jsonb) AS x(code text, name text, "areaCode" text, scale text, "damType" text,
         "damHeight" numeric, "totalStorage" numeric, "catchmentArea" numeric, "gatedSpillway" boolean,
         "spillwayWidth" numeric, levels jsonb, "stageStorage" jsonb, longitude double precision,
         latitude double precision, "managementMode" text, "damCategory" smallint, "completionYear" smallint,
         "lastAppraisal" date, "nextAppraisal" date, "damSafetyMonitoring" boolean)
       ON CONFLICT (code) DO NOTHING`,
      registry.reservoirs.map(({ sensors: _s, responsiblePersons: _p, ...r }) => r),
    );
    await insertChunked(
      tx,
      (json) => sql`INSERT INTO stations (code, reservoir_code, kind)
       SELECT code, reservoir_code, kind FROM jsonb_to_recordset(${json}::jsonb) AS x(code text, reservoir_code text, kind text)
       ON CONFLICT (code) DO NOTHING`,
      registry.reservoirs.flatMap(stationsOf),
    );
    await insertChunked(
      tx,
      (json) => sql`INSERT INTO sensors (reservoir_code, station_id, code, type, unit, threshold)
       SELECT x.reservoir_code, s.id, x.code, x.type, x.unit, x.threshold
       FROM jsonb_to_recordset(${json}::jsonb)
         AS x(reservoir_code text, station text, code text, type text, unit text, threshold numeric)
       JOIN stations s ON s.code = x.station
       ON CONFLICT (reservoir_code, code) DO NOTHING`,
      registry.reservoirs.flatMap(sensorsOf),
    );
    await insertChunked(
      tx,
      (json) => sql`INSERT INTO responsible_persons (reservoir_code, role, name, phone, trained, trained_on)
       SELECT reservoir_code, role, name, phone, trained, "trainedOn"
       FROM jsonb_to_recordset(${json}::jsonb)
         AS x(reservoir_code text, role text, name text, phone text, trained boolean, "trainedOn" date)
       ON CONFLICT (reservoir_code, role) DO NOTHING`,
      registry.reservoirs.flatMap((r) => r.responsiblePersons.map((p) => ({ ...p, reservoir_code: r.code }))),
    );
  });
}

/** Rain gauge, level gauge and battery report through the rain/water-level RTU; the rest through the dam-safety one. */
const RAIN_WATER_TYPES = new Set(['rainfall', 'water_level', 'battery_voltage']);

function stationsOf(r: ReservoirSeed) {
  const stations = [{ code: `${r.code}-RW`, reservoir_code: r.code, kind: 'rain_water' }];
  if (r.damSafetyMonitoring) stations.push({ code: `${r.code}-DS`, reservoir_code: r.code, kind: 'dam_safety' });
  return stations;
}

function sensorsOf(r: ReservoirSeed) {
  return r.sensors.map((s) => ({
    reservoir_code: r.code,
    station: `${r.code}-${RAIN_WATER_TYPES.has(s.type) ? 'RW' : 'DS'}`,
    code: s.code,
    type: s.type,
    unit: SENSOR_TYPES[s.type].unit,
    threshold: s.threshold,
  }));
}
