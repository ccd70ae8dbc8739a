export { Notifier, WebhookChannel, type NotificationChannel, type NotifierOptions } from './notifications/index.js';
export { startIngest, type IngestExtras, type IngestService } from './ingest-service.js';
export type { ValidReading } from './telemetry/payload.js';
export { isFloodSeason } from './alerts/rules/index.js';
export { Simulator, connectAndRun, type RunningSimulator } from './simulator/index.js';
export {
  SELECT_ALERTS,
  record as recordAlertTransition,
  type AlertAction,
  type AlertRecord,
} from './alerts/alert-store.js';
export { SEVERITIES, SEVERITY_DISPLAY, type Severity } from './alerts/rules/index.js';
export type { IngestMetrics } from './telemetry/metrics.js';
export { ALERT_CHANNEL, READINGS_CHANNEL, type AlertNotice } from './events/database-events.js';
export * from './sl651-station/index.js';
export * from './sl651/index.js';
export {
  defaultRuleConfig,
  mergeOverrides,
  RuleConfigError,
  type RuleConfig,
  type RuleOverrides,
} from './alerts/rules/index.js';
