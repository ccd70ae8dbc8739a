import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@yz/platform';

/** A secret kept (owner-only) in a file of DATA_DIR: generated on the first start, read again on the next. */
export function keptSecret(dataDir: string, name: string, bytes: number): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(bytes).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * The admin password for this start: ADMIN_PASSWORD when given; in embedded mode otherwise one generated on the
 * first start and kept in DATA_DIR so the next start can print it again.
 */
export function adminPassword(config: AppConfig): { password: string; generated: boolean } {
  if (config.adminPassword) return { password: config.adminPassword, generated: false };
  return { password: keptSecret(config.dataDir, 'admin-password', 12), generated: true };
}

/**
 * The secret half of the JWT key: JWT_SECRET when given, else one generated into DATA_DIR. The other half is in
 * the database, so neither a database dump nor the data directory alone can forge a token. Backend replicas
 * behind one load balancer need the same JWT_SECRET.
 */
export function jwtSecret(config: AppConfig): string {
  return config.jwtSecret ?? keptSecret(config.dataDir, 'jwt-secret', 48);
}
