import { CoreSchema1732300000000 } from './1732300000000-core-schema.js';
import { HourlyRollups1732300000100 } from './1732300000100-hourly-rollups.js';
import { RejectLog1732300000200 } from './1732300000200-reject-log.js';
import { Alerts1732300000300 } from './1732300000300-alerts.js';
import { Programme1732300000400 } from './1732300000400-programme.js';
import { Notifications1732300000500 } from './1732300000500-notifications.js';
import { SafetyLedger1732300000600 } from './1732300000600-safety-ledger.js';
import { AlertRuleOverrides1732300000700 } from './1732300000700-alert-rule-overrides.js';
import { ConstructionKinds1732300000800 } from './1732300000800-construction-kinds.js';

/** Every migration, in order. New migrations are appended here. */
export const MIGRATIONS = [
  CoreSchema1732300000000,
  HourlyRollups1732300000100,
  RejectLog1732300000200,
  Alerts1732300000300,
  Programme1732300000400,
  Notifications1732300000500,
  SafetyLedger1732300000600,
  AlertRuleOverrides1732300000700,
  ConstructionKinds1732300000800,
];
