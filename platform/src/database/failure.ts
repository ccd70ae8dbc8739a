/**
 * Whether a failed statement failed because of the link to the database (retry the same work later) rather than
 * because of the data (retrying the same rows fails the same way; the bad rows must be set aside).
 * PostgreSQL SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator intervention
 * (shutdown, statement timeout 57014), 40 transaction rollback (serialization, deadlock: retry). Node's socket
 * errors and pg's own "Connection terminated"/"timeout" have no SQLSTATE.
 */
export function isConnectionFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (/^[0-9A-Z]{5}$/.test(code)) return /^(08|53|57|40|58)/.test(code);
    return true; // ECONNRESET, ECONNREFUSED, ETIMEDOUT, EPIPE…
  }
  const message = err instanceof Error ? err.message : String(err);
  return /connection|terminated|timeout|closed|ECONN|socket/i.test(message);
}
