/** Failed logins of a username allowed without waiting; then each failure doubles the wait, up to the cap. */
export const FREE_FAILURES = 4;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;
/** Usernames tracked at once: past this, the oldest entries are forgotten (memory stays bounded). */
const MAX_TRACKED = 100_000;

/** How long a username must wait after its n-th consecutive failed login. */
export function waitAfterFailures(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES - 1));
}

/**
 * Per-username exponential backoff of failed logins. Keyed on the username, not on the client address: behind a
 * proxy the address comes from X-Forwarded-For, which anyone inside the trusted range can forge.
 */
export class LoginBackoff {
  private readonly failures = new Map<string, { count: number; until: number }>();

  /** Milliseconds this username must still wait (0: it may try now). */
  waitFor(username: string, now: number): number {
    const entry = this.failures.get(username);
    return entry ? Math.max(0, entry.until - now) : 0;
  }

  failed(username: string, now: number): void {
    const count = (this.failures.get(username)?.count ?? 0) + 1;
    this.failures.delete(username); // re-inserted last: the map stays in order of last failure
    this.failures.set(username, { count, until: now + waitAfterFailures(count) });
    if (this.failures.size > MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(username: string): void {
    this.failures.delete(username);
  }
}
