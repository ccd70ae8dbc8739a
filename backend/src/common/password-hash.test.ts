import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hash.js';

describe('password hashes', () => {
  it('verifies scrypt hashes and only the right password', async () => {
    const hash = await hashPassword('night-shift-1');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('night-shift-1', hash)).toEqual({ ok: true, upgrade: false });
    expect((await verifyPassword('night-shift-2', hash)).ok).toBe(false);
  });

  it('still verifies bcrypt hashes made before, and asks for an upgrade', async () => {
    const old = await bcrypt.hash('legacy-pass', 4);
    expect(await verifyPassword('legacy-pass', old)).toEqual({ ok: true, upgrade: true });
    expect((await verifyPassword('wrong', old)).ok).toBe(false);
  });
});
