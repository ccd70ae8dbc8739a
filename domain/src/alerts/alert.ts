import type { LocalizedText } from './evaluation.js';

/** What happened to an alert: opened by a rule, escalated in place, acknowledged by a person, resolved. */
export type AlertAction = 'open' | 'escalate' | 'ack' | 'resolve';

/** Open and acknowledged alerts are active: one per reservoir and rule at most. */
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** An alert as the API and the `alert` Socket.IO event carry it. */
export interface AlertRecord {
  id: string;
  reservoirCode: string;
  reservoirName: string;
  county: string;
  ruleKey: string;
  type: string;
  severity: string;
  state: AlertState;
  openedAt: string;
  updatedAt: string;
  value: number;
  threshold: number;
  message: LocalizedText;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  note: string | null;
  /** Raised during a storm drill, not by real weather. */
  drill: boolean;
}

/** One change of an alert: what happened and the alert as it now stands. */
export interface AlertChange {
  action: AlertAction;
  alert: AlertRecord;
}
