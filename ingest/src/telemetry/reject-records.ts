import type { Reject } from './payload.js';
import type { RejectRecord } from './reading-store.js';

/** A message with more rejects than this is logged one row per reason: a flood of bad parts is one bad message. */
export const MAX_REJECT_ROWS_PER_MESSAGE = 20;

/**
 * PostgreSQL text cannot hold NUL, and one NUL once made every insert of the batch fail: text fields are stored
 * with NUL written as `\u0000`. A payload that is not UTF-8 is stored as `hex:` and its bytes.
 */
export function safeText(text: string): string {
  return text.replaceAll('\0', '\\u0000');
}

export function safePayload(payload: Buffer | string): string {
  if (typeof payload === 'string') return safeText(payload);
  const text = payload.toString('utf8');
  return Buffer.from(text).equals(payload) ? safeText(text) : `hex:${payload.toString('hex').toUpperCase()}`;
}

/**
 * The reject-log rows of one message: one per bad part, or, when there are many, one per reason with its count
 * (every reason stays visible; 2,200 unknown sensors are one row, not 2,200).
 */
export function rejectRecords(
  topic: string,
  reservoirCode: string | null,
  payload: Buffer | string,
  rejects: Reject[],
): RejectRecord[] {
  if (!rejects.length) return [];
  const common = { topic: safeText(topic), reservoirCode: reservoirCode && safeText(reservoirCode) };
  const stored = safePayload(payload);
  if (rejects.length <= MAX_REJECT_ROWS_PER_MESSAGE) {
    return rejects.map((r) => ({ ...common, reason: r.reason, detail: safeText(r.detail), payload: stored }));
  }
  const byReason = new Map<Reject['reason'], Reject[]>();
  for (const r of rejects) {
    const same = byReason.get(r.reason);
    if (same) same.push(r);
    else byReason.set(r.reason, [r]);
  }
  return [...byReason].map(([reason, same]) => ({
    ...common,
    reason,
    detail: safeText(`${same.length} rejects in one message (${reason} ×${same.length}); first: ${same[0].detail}`),
    payload: stored,
  }));
}

/** The row for a message the database refused to store (see `IngestPipeline`). */
export function setAsideRecord(topic: string, payload: Buffer | string, err: unknown): RejectRecord {
  return {
    topic: safeText(topic),
    reservoirCode: null,
    reason: 'store_failed',
    detail: safeText(`the database refused it: ${err instanceof Error ? err.message : String(err)}`),
    payload: safePayload(payload),
  };
}
