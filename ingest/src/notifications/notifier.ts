import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEFAULT_ESCALATION,
  DEFAULT_QUIET_PERIOD_MS,
  dueLevel,
  notificationText,
  selectRecipients,
  SEVERITIES,
  toldRecently,
  type AlertChange,
  type AlertRecord,
  type EscalationOptions,
  type Recipient,
  type Severity,
} from '@yz/domain';
import type { Database } from '@yz/platform';
import type { Kysely } from 'kysely';
import { backoffDelays, DEFAULT_RETRY, type RetryOptions } from './backoff.js';
import type { NotificationChannel } from './channel.js';
import { claim, loadContacts, loadHistory, loadOpenAlerts, recordAttempt } from './notification-log.js';

export interface NotifierOptions {
  /** No second message to the same person about the same alert within this time, unless its severity rose. */
  quietPeriodMs?: number;
  escalation?: Partial<EscalationOptions>;
  retry?: Partial<RetryOptions>;
  /** How often `sweep` runs by itself; 0 leaves it to the caller. Default one minute. */
  sweepIntervalMs?: number;
  now?: () => Date;
  logger?: { warn(message: string): void };
}

/**
 * Tells the responsible persons and duty officers about alerts: at once when an alert opens or rises, and again,
 * one level further, each time it stays unacknowledged past its ack timeout (found by `sweep`). Every message
 * is claimed in the notifications table before it is sent, so several processes never send one twice.
 */
export class Notifier {
  private readonly quietPeriodMs: number;
  private readonly escalation: EscalationOptions;
  private readonly retryDelays: number[];
  private readonly now: () => Date;
  private readonly logger: { warn(message: string): void };
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly channel: NotificationChannel,
    options: NotifierOptions = {},
  ) {
    this.quietPeriodMs = options.quietPeriodMs ?? DEFAULT_QUIET_PERIOD_MS;
    this.escalation = { ...DEFAULT_ESCALATION, ...options.escalation };
    this.retryDelays = backoffDelays({ ...DEFAULT_RETRY, ...options.retry });
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? console;
    const every = options.sweepIntervalMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => void this.sweepOnce(), every);
      this.timer.unref();
    }
  }

  /** Subscribe to AlertEngine and AlertsService 'alert' events. Never rejects: a failure is logged. */
  async onAlert({ action, alert }: AlertChange): Promise<void> {
    // Ack and resolve need no message: the sweep only escalates alerts still open.
    if (action === 'open' || action === 'escalate') await this.track(this.notify(alert, 0, this.now()));
  }

  /** Escalates every open alert past its ack timeout; also sends what a crashed process left unsent at level 0. */
  async sweep(now: Date = this.now()): Promise<void> {
    const alerts = await loadOpenAlerts(this.db);
    await Promise.all(
      alerts.map((alert) => {
        const level = dueLevel(
          { severity: alert.severity as Severity, state: alert.state, since: new Date(alert.updatedAt) },
          now,
          this.escalation,
        );
        return this.track(this.notify(alert, level, now));
      }),
    );
  }

  /** Stops the timer and waits for deliveries under way (retries included). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.inFlight);
  }

  private async sweepOnce(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.sweep();
    } catch (err) {
      this.logger.warn(`notification sweep failed: ${(err as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }

  private async track(work: Promise<void>): Promise<void> {
    const p = work.catch((err: Error) => this.logger.warn(`notification failed: ${err.message}`));
    this.inFlight.add(p);
    try {
      await p;
    } finally {
      this.inFlight.delete(p);
    }
  }

  private async notify(alert: AlertRecord, level: number, now: Date): Promise<void> {
    const severity = alert.severity as Severity;
    if (!SEVERITIES.includes(severity)) return;
    const { persons, dutyOfficers } = await loadContacts(this.db, alert.reservoirCode);
    const recipients = selectRecipients(severity, level, persons, dutyOfficers, alert.ruleKey);
    if (recipients.length === 0) return;
    const history = await loadHistory(this.db, alert.id);
    const text = notificationText(alert, level, now);
    await Promise.all(
      recipients
        .filter((to) => !toldRecently(history, to.phone, severity, now, this.quietPeriodMs))
        .map(async (to) => {
          const id = await claim(this.db, {
            alertId: alert.id,
            severity,
            level,
            to,
            channel: this.channel.name,
            text,
            at: now,
          });
          if (id) await this.deliver(id, to, text, alert);
        }),
    );
  }

  /** Sends with retries after growing waits; every attempt is written to the log. */
  private async deliver(id: string, to: Recipient, text: string, alert: AlertRecord): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.channel.send({ to: { name: to.name, phone: to.phone }, text, alert });
        await recordAttempt(this.db, id, { sentAt: this.now() });
        return;
      } catch (err) {
        const final = attempt >= this.retryDelays.length;
        await recordAttempt(this.db, id, { error: (err as Error).message, final });
        if (final) {
          this.logger.warn(`notification ${id} to ${to.phone} failed: ${(err as Error).message}`);
          return;
        }
        await sleep(this.retryDelays[attempt]);
      }
    }
  }
}
