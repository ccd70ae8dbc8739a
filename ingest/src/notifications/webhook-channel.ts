import type { NotificationChannel, NotificationMessage } from './channel.js';

/**
 * Posts each message as JSON `{ phone, name, text, alertId, severity }` to a URL: SMS gateways take messages
 * this way. Anything but a 2xx answer, a network error or no answer within the timeout is a failed delivery.
 */
export class WebhookChannel implements NotificationChannel {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 10_000,
    readonly name = 'webhook',
  ) {}

  async send({ to, text, alert }: NotificationMessage): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: to.phone, name: to.name, text, alertId: alert.id, severity: alert.severity }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    // Drain the body so the connection goes back to the pool.
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
  }
}
