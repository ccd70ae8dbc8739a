import type { Database } from '@yz/platform';
import type { Kysely } from 'kysely';
import { generateRegistry } from '../generate/index.js';
import { loadAppraisalHistory } from './load-appraisal-history.js';
import { loadConstruction } from './load-construction.js';
import { loadProgramme } from './load-programme.js';
import { loadRegistry } from './load-registry.js';

/**
 * First start: generates and loads the registry, the reinforcement programme and the telemetry and
 * dam-monitoring construction, then carries the appraisal history forward to today. Later starts find them and keep the data as it is (each part is checked on its
 * own, so a database from before the programme, or from before the construction projects, gets them too).
 * `size`: reservoirs in the registry (SEED_RESERVOIRS), Yongzhou's by default.
 */
export async function seedIfEmpty(db: Kysely<Database>, size?: number): Promise<boolean> {
  const registry = generateRegistry(undefined, size);
  const reservoirs = await db.selectFrom('reservoirs').select('code').limit(1).execute();
  const fresh = reservoirs.length === 0;
  if (fresh) await loadRegistry(db, registry);
  const projects = (kind: 'reinforcement' | 'construction') =>
    db
      .selectFrom('projects')
      .select('id')
      .where('kind', kind === 'reinforcement' ? '=' : '<>', 'reinforcement')
      .limit(1)
      .execute();
  if ((await projects('reinforcement')).length === 0) {
    await loadProgramme(db, registry.projects, registry.reservoirs);
  }
  if ((await projects('construction')).length === 0) {
    await loadConstruction(db, registry.reservoirs);
  }
  await loadAppraisalHistory(db, registry.reservoirs);
  return fresh;
}
