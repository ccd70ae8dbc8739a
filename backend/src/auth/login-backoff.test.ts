import { describe, expect, it } from 'vitest';
import { FREE_FAILURES, LoginBackoff, waitAfterFailures } from './login-backoff.js';

describe('login backoff', () => {
  it('lets a few failures through, then doubles the wait up to 15 minutes', () => {
    expect(waitAfterFailures(FREE_FAILURES)).toBe(0);
    expect(waitAfterFailures(FREE_FAILURES + 1)).toBe(30_000);
    expect(waitAfterFailures(FREE_FAILURES + 2)).toBe(60_000);
    expect(waitAfterFailures(FREE_FAILURES + 20)).toBe(15 * 60_000);
  });

  it('makes a username wait after its failures, whatever address they came from, until a success', () => {
    const backoff = new LoginBackoff();
    for (let i = 0; i <= FREE_FAILURES; i++) backoff.failed('admin', 1000);
    expect(backoff.waitFor('admin', 1000)).toBe(30_000);
    expect(backoff.waitFor('admin', 31_000)).toBe(0);
    expect(backoff.waitFor('other', 1000)).toBe(0);
    backoff.succeeded('admin');
    expect(backoff.waitFor('admin', 1000)).toBe(0);
  });
});
