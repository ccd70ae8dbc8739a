import type { AlertRecord } from '@yz/domain';

export interface NotificationMessage {
  to: { name: string; phone: string };
  text: string;
  alert: AlertRecord;
}

/** A way to reach a person (SMS gateway, voice call, app push). `send` rejects when the message did not go out. */
export interface NotificationChannel {
  readonly name: string;
  send(message: NotificationMessage): Promise<void>;
}
