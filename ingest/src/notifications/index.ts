export { Notifier, type NotifierOptions } from './notifier.js';
export type { NotificationChannel, NotificationMessage } from './channel.js';
export { WebhookChannel } from './webhook-channel.js';
export { DEFAULT_RETRY, type RetryOptions } from './backoff.js';
