import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { coreSchema } from './1732300000000-core-schema.js';
import { hourlyRollups } from './1732300000100-hourly-rollups.js';
import { rejectLog } from './1732300000200-reject-log.js';
import { alerts } from './1732300000300-alerts.js';
import { programme } from './1732300000400-programme.js';
import { notifications } from './1732300000500-notifications.js';
import { safetyLedger } from './1732300000600-safety-ledger.js';
import { alertRuleOverrides } from './1732300000700-alert-rule-overrides.js';
import { constructionKinds } from './1732300000800-construction-kinds.js';
import { stationReports } from './1732300001000-station-reports.js';
import { sensorModels } from './1732300001100-sensor-models.js';
import { floodWatch } from './1732300001200-flood-watch.js';
import { sessions } from './1732300001400-sessions.js';
import { rollupPolicyHistory } from './1732300001500-rollup-policy-history.js';
import { stormDrills } from './1732300001700-storm-drills.js';
import { stationMonitoring } from './1732300001800-station-monitoring.js';

/** Each migration in a transaction of its own, so a failed one leaves nothing half done. */
function inTransaction(m: Migration): Migration {
  return {
    up: (db: Kysely<unknown>) => db.transaction().execute((tx) => m.up(tx)),
    down: m.down && ((db: Kysely<unknown>) => db.transaction().execute((tx) => m.down!(tx))),
  };
}

/**
 * Every migration, by name; names sort in the order they run. New migrations are added at the end. (Before
 * Kysely ran them, TypeORM did, under the class names ending in the same timestamps: see adoptTypeormMigrations.)
 */
export const MIGRATIONS: Record<string, Migration> = {
  '1732300000000-core-schema': inTransaction(coreSchema),
  // Continuous aggregates cannot be created inside a transaction.
  '1732300000100-hourly-rollups': hourlyRollups,
  '1732300000200-reject-log': inTransaction(rejectLog),
  '1732300000300-alerts': inTransaction(alerts),
  '1732300000400-programme': inTransaction(programme),
  '1732300000500-notifications': inTransaction(notifications),
  '1732300000600-safety-ledger': inTransaction(safetyLedger),
  '1732300000700-alert-rule-overrides': inTransaction(alertRuleOverrides),
  '1732300000800-construction-kinds': inTransaction(constructionKinds),
  '1732300001000-station-reports': inTransaction(stationReports),
  '1732300001100-sensor-models': inTransaction(sensorModels),
  '1732300001200-flood-watch': inTransaction(floodWatch),
  '1732300001400-sessions': inTransaction(sessions),
  '1732300001500-rollup-policy-history': rollupPolicyHistory,
  '1732300001700-storm-drills': inTransaction(stormDrills),
  '1732300001800-station-monitoring': inTransaction(stationMonitoring),
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => MIGRATIONS };
