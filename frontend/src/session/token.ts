// What the client can read from its access token without asking the server: when it expires.

/** Expiry (ms since epoch) from a JWT's `exp`, or null when the token is not a readable JWT. */
export function tokenExpiry(token: string | null): number | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** Refresh when less than a third of the lifetime is left (sliding expiry), never closer than a minute. */
export function refreshDue(expiry: number | null, issuedAt: number, now: number): boolean {
  if (expiry === null) return false;
  const left = expiry - now;
  return left < Math.max(60_000, (expiry - issuedAt) / 3);
}
