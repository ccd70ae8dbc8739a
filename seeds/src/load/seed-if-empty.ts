import type { DataSource } from 'typeorm';
import { generateRegistry } from '../generate/index.js';
import { loadProgramme } from './load-programme.js';
import { loadRegistry } from './load-registry.js';

/**
 * First start: generates and loads the registry and the reinforcement programme. Later starts find them and keep
 * the data as it is (each part is checked on its own, so a database from before the programme gets it too).
 */
export async function seedIfEmpty(ds: DataSource): Promise<boolean> {
  const count = async (table: 'reservoirs' | 'projects') =>
    ((await ds.query(`SELECT count(*)::int AS n FROM ${table}`)) as [{ n: number }])[0].n;
  const registry = generateRegistry();
  const fresh = (await count('reservoirs')) === 0;
  if (fresh) await loadRegistry(ds, registry);
  if ((await count('projects')) === 0) await loadProgramme(ds, registry.projects, registry.reservoirs);
  return fresh;
}
