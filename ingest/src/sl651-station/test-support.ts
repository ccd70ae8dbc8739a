import type { Message } from '../sl651/index.js';
import { uplinkReport } from '../sl651/samples.js';
import type { MessageExtras, RejectSink, Sl651RejectReason, TelemetrySink } from './sinks.js';

/** A timed report (32) from reservoir 431124-0007's RTU, observed one minute ago. */
export function timedReport(overrides: Partial<Message> = {}, observedAt = new Date(Date.now() - 60_000)): Message {
  const minute = new Date(Math.floor(observedAt.getTime() / 60_000) * 60_000);
  return uplinkReport({
    sentAt: new Date(Math.floor(observedAt.getTime() / 1000) * 1000),
    observations: [{ observedAt: minute, elements: { '20': 1.5, '22': 0.5, '26': 812.3, '3B': 312.47, '38': 12.6 } }],
    ...overrides,
  });
}

export interface Accepted {
  topic: string;
  payload: { ts: string; readings: { sensor: string; value: number; ts: string }[] };
  extras?: MessageExtras;
}

/** Records what it is given; commits on the next turn unless `hold` (then `release()` commits). */
export class FakeSinks implements TelemetrySink, RejectSink {
  accepted: Accepted[] = [];
  rejected: { topic: string; reason: Sl651RejectReason; detail: string; payload: string }[] = [];
  hold = false;
  private held: (() => void)[] = [];

  accept(topic: string, payload: Buffer, committed: () => void, extras?: MessageExtras): void {
    this.accepted.push({ topic, payload: JSON.parse(payload.toString('utf8')) as Accepted['payload'], extras });
    if (this.hold) this.held.push(committed);
    else setImmediate(committed);
  }

  reject(topic: string, reason: Sl651RejectReason, detail: string, payload: string): void {
    this.rejected.push({ topic, reason, detail, payload });
  }

  release(): void {
    for (const c of this.held.splice(0)) c();
  }

  get sink(): TelemetrySink {
    return this;
  }

  get rejects(): RejectSink {
    return this;
  }
}
