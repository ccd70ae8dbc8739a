import { describe, expect, it } from 'vitest';
import { refreshDue, tokenExpiry } from './token';

const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

describe('token expiry', () => {
  it('reads exp from the token', () => {
    expect(tokenExpiry(jwt({ exp: 1_800_000_000, sub: 1 }))).toBe(1_800_000_000_000);
    expect(tokenExpiry('not-a-jwt')).toBeNull();
    expect(tokenExpiry(null)).toBeNull();
  });
  it('refreshes in the last third of the lifetime', () => {
    const issued = 0;
    const exp = 8 * 3600e3;
    expect(refreshDue(exp, issued, 4 * 3600e3)).toBe(false);
    expect(refreshDue(exp, issued, 6 * 3600e3)).toBe(true);
    expect(refreshDue(null, issued, 6 * 3600e3)).toBe(false);
  });
});
