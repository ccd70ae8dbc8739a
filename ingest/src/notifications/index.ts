export { Notifier, type NotifierOptions } from './notifier.js';
export type { NotificationChannel, NotificationMessage } from './channel.js';
export { WebhookChannel } from './webhook-channel.js';
export { selectRecipients, rolesFor, type Recipient, type RecipientRole } from './recipients.js';
export { DEFAULT_QUIET_PERIOD_MS } from './quiet-period.js';
export { DEFAULT_ESCALATION, type EscalationOptions } from './escalation.js';
export { DEFAULT_RETRY, type RetryOptions } from './backoff.js';
