#!/usr/bin/env node
// Loads the registry and the reinforcement programme into DATABASE_URL (or the embedded database in DATA_DIR).
// Idempotent: rows that exist are left as they are.
import { loadConfig, openDatabase } from '@yz/platform';
import { generateRegistry } from './generate/index.js';
import { loadConstruction } from './load/load-construction.js';
import { loadProgramme } from './load/load-programme.js';
import { loadRegistry } from './load/load-registry.js';

const config = loadConfig();
const db = await openDatabase(config, console);
try {
  const registry = generateRegistry(undefined, config.seedReservoirs);
  await loadRegistry(db.db, registry);
  await loadProgramme(db.db, registry.projects, registry.reservoirs);
  await loadConstruction(db.db, registry.reservoirs);
  console.log(`loaded: ${registry.reservoirs.length} reservoirs, ${registry.projects.length} projects`);
} finally {
  await db.close();
}
