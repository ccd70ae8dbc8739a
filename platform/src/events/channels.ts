import type { AlertAction } from '@yz/domain';

/** PostgreSQL NOTIFY channels from ingest processes to backend processes. */
export const ALERT_CHANNEL = 'yz_alert';
export const READINGS_CHANNEL = 'yz_readings';

export interface AlertNotice {
  action: AlertAction;
  id: string;
}
