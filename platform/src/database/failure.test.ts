import { describe, expect, it } from 'vitest';
import { isConnectionFailure } from './failure.js';

const pgError = (code: string) => Object.assign(new Error('x'), { code });

describe('isConnectionFailure', () => {
  it('retries link, shutdown, timeout and contention failures', () => {
    for (const code of ['08006', '08003', '57P01', '57014', '53300', '40001', '40P01', 'ECONNRESET', 'ETIMEDOUT']) {
      expect(isConnectionFailure(pgError(code)), code).toBe(true);
    }
    expect(isConnectionFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionFailure(new Error('Query read timeout'))).toBe(true);
  });

  it('treats bad data as the data', () => {
    for (const code of ['22021', '22P05', '22008', '23505', '23503', '42804']) {
      expect(isConnectionFailure(pgError(code)), code).toBe(false);
    }
    expect(isConnectionFailure(new Error('invalid byte sequence for encoding "UTF8": 0x00'))).toBe(false);
  });
});
