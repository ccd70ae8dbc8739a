import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@yz/platform';

/**
 * The admin password for this start: ADMIN_PASSWORD when given; in embedded mode otherwise one generated on the
 * first start and kept (owner-only) in DATA_DIR so the next start can print it again.
 */
export function adminPassword(config: AppConfig): { password: string; generated: boolean } {
  if (config.adminPassword) return { password: config.adminPassword, generated: false };
  const file = join(config.dataDir, 'admin-password');
  if (existsSync(file)) return { password: readFileSync(file, 'utf8').trim(), generated: true };
  const password = randomBytes(12).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return { password, generated: true };
}
