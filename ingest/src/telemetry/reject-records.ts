import type { Reject } from './payload.js';
import type { RejectRecord } from './reading-store.js';

/** A message with more rejects than this is logged as one summary row: a flood of bad parts is one bad message. */
export const MAX_REJECT_ROWS_PER_MESSAGE = 3;

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

/** The reject-log rows of one message: one per bad part, or one summary when there are many. */
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
  const counts = new Map<string, number>();
  for (const r of rejects) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  const byCount = [...counts].sort((a, b) => b[1] - a[1]);
  const summary = byCount.map(([reason, n]) => `${reason} ×${n}`).join(', ');
  return [
    {
      ...common,
      reason: rejects.find((r) => r.reason === byCount[0][0])!.reason,
      detail: safeText(`${rejects.length} rejects in one message (${summary}); first: ${rejects[0].detail}`),
      payload: stored,
    },
  ];
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
