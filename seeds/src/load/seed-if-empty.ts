import type { DataSource } from 'typeorm';
import { generateRegistry } from '../generate/index.js';
import { loadRegistry } from './load-registry.js';

/** First start: generates and loads the registry. Later starts find reservoirs and keep the data as it is. */
export async function seedIfEmpty(ds: DataSource): Promise<boolean> {
  const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM reservoirs`)) as [{ n: number }];
  if (n > 0) return false;
  await loadRegistry(ds, generateRegistry());
  return true;
}
