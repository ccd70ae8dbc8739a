import type { AlertChange } from '@yz/domain';

/**
 * What ingest tells backends: alert changes and which reservoirs have new readings. The same channels and payloads
 * whether ingest runs in the backend's process or its own (then through PostgreSQL NOTIFY).
 */
export const ALERT_CHANNEL = 'yz_alert';
export const READINGS_CHANNEL = 'yz_readings';
export type Channel = typeof ALERT_CHANNEL | typeof READINGS_CHANNEL;

/** NOTIFY payloads are limited to 8000 bytes: 500 reservoir codes fit with room to spare. */
export const CODES_PER_EVENT = 500;

export type IngestEvent =
  { channel: typeof ALERT_CHANNEL; change: AlertChange } | { channel: typeof READINGS_CHANNEL; codes: string[] };

export function encodeEvent(event: IngestEvent): { channel: Channel; payload: string } {
  return event.channel === ALERT_CHANNEL
    ? { channel: event.channel, payload: JSON.stringify(event.change) }
    : { channel: event.channel, payload: JSON.stringify(event.codes) };
}

export function decodeEvent(channel: string, payload: string): IngestEvent | null {
  if (channel === ALERT_CHANNEL) return { channel, change: JSON.parse(payload) as AlertChange };
  if (channel === READINGS_CHANNEL) return { channel, codes: JSON.parse(payload) as string[] };
  return null;
}
