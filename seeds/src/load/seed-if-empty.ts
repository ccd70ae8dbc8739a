import type { DataSource } from 'typeorm';
import { generateRegistry } from '../generate/index.js';
import { loadConstruction } from './load-construction.js';
import { loadProgramme } from './load-programme.js';
import { loadRegistry } from './load-registry.js';

/**
 * First start: generates and loads the registry, the reinforcement programme and the telemetry and
 * dam-monitoring construction. Later starts find them and keep the data as it is (each part is checked on its
 * own, so a database from before the programme, or from before the construction projects, gets them too).
 */
export async function seedIfEmpty(ds: DataSource): Promise<boolean> {
  const count = async (sql: string) => ((await ds.query(sql)) as [{ n: number }])[0].n;
  const registry = generateRegistry();
  const fresh = (await count(`SELECT count(*)::int AS n FROM reservoirs`)) === 0;
  if (fresh) await loadRegistry(ds, registry);
  if ((await count(`SELECT count(*)::int AS n FROM projects WHERE kind = 'reinforcement'`)) === 0) {
    await loadProgramme(ds, registry.projects, registry.reservoirs);
  }
  if ((await count(`SELECT count(*)::int AS n FROM projects WHERE kind <> 'reinforcement'`)) === 0) {
    await loadConstruction(ds, registry.reservoirs);
  }
  return fresh;
}
