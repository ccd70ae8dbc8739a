import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import bcrypt from 'bcryptjs';

/**
 * Password hashes: scrypt (node:crypto, computed on libuv's thread pool, so logins do not stall the event loop),
 * stored as `scrypt$N$r$p$salt$key`. Hashes made before with bcryptjs still verify (on the event loop) and are
 * replaced by an scrypt hash at the next successful login.
 */
const COST = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_BYTES = 32;

/**
 * Hashes computed at once: one core is left to the event loop (HTTP, Socket.IO, ingest), so a burst of logins
 * queues here instead of starving everything else of CPU.
 */
const SLOTS = Math.max(1, availableParallelism() - 1);
let busy = 0;
const waiting: (() => void)[] = [];

async function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // A finished hash hands its slot straight to the next waiting one.
  if (busy < SLOTS) busy++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await new Promise((resolve, reject) =>
      scrypt(password, salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
    );
  } finally {
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether the password matches; `upgrade` when the stored hash is of the old kind (bcrypt) or older cost. */
export async function verifyPassword(password: string, stored: string): Promise<{ ok: boolean; upgrade: boolean }> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt') return { ok: await bcrypt.compare(password, stored), upgrade: true };
  const expected = Buffer.from(key ?? '', 'base64');
  const options = { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem };
  const actual = await derive(password, Buffer.from(salt ?? '', 'base64'), options);
  const ok = actual.length === expected.length && timingSafeEqual(actual, expected);
  return { ok, upgrade: options.N !== COST.N || options.r !== COST.r || options.p !== COST.p };
}
