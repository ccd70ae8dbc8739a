import { decideTransition, type AlertChange, type Evaluation, type Severity, type Transition } from '@yz/domain';
import type { Database } from '@yz/platform';
import type { Kysely } from 'kysely';

/** Changes made elsewhere (a person resolving by hand, another ingest process) are seen within this time. */
export const ACTIVE_RELOAD_MS = 5_000;

const key = (reservoirCode: string, ruleKey: string) => `${reservoirCode}|${ruleKey}`;

/**
 * The severity of every active (open or acknowledged) alert, in memory, so a verdict that changes nothing — the
 * great majority: quiet readings, an alert already open at that severity — costs no statement. Loaded at start,
 * kept in step with this process's own transitions at once, and reloaded every few seconds for the rest.
 */
export class ActiveAlerts {
  private active = new Map<string, Severity>();
  /** Transitions made while a reload's query runs: re-applied over its (possibly older) snapshot. */
  private duringReload: AlertChange[] | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  /** Reloads every few seconds; the first load is the caller's (see `reload`). */
  start(): void {
    this.timer = setInterval(() => void this.reload().catch(() => undefined), ACTIVE_RELOAD_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async reload(): Promise<void> {
    const during: AlertChange[] = [];
    this.duringReload = during;
    try {
      const rows = await this.db
        .selectFrom('alerts')
        .select(['reservoir_code', 'rule_key', 'severity'])
        .where('state', '<>', 'resolved')
        .execute();
      this.active = new Map(rows.map((r) => [key(r.reservoir_code, r.rule_key), r.severity as Severity]));
    } finally {
      this.duringReload = undefined;
    }
    // Replayed once the reload is over: note() would otherwise append to the list being replayed, forever.
    for (const change of during) this.note(change);
  }

  /**
   * What a verdict does to the reservoir's alert for its rule, judged against the cached state; a transition is
   * recorded here at once (before it is persisted), so the next reading is judged against it.
   */
  decide(reservoirCode: string, e: Evaluation): Transition {
    const k = key(reservoirCode, e.ruleKey);
    const t = decideTransition(this.active.get(k) ?? null, e);
    if (t.action === 'open' || t.action === 'escalate') this.active.set(k, t.severity);
    else if (t.action === 'resolve') this.active.delete(k);
    return t;
  }

  /** The alert as the database now holds it, after a transition was persisted. */
  note(change: AlertChange): void {
    this.duringReload?.push(change);
    const { reservoirCode, ruleKey, state, severity } = change.alert;
    if (state === 'resolved') this.active.delete(key(reservoirCode, ruleKey));
    else this.active.set(key(reservoirCode, ruleKey), severity as Severity);
  }

  /** A transition could not be persisted: the cached guess is dropped and the next reload tells the truth. */
  forget(reservoirCode: string, ruleKey: string): void {
    this.active.delete(key(reservoirCode, ruleKey));
  }
}
