#!/usr/bin/env node
// Loads the registry into DATABASE_URL (or the embedded database in DATA_DIR); safe to run again.
import { loadConfig, openDatabase } from '@yz/common';
import { generateRegistry } from './generate/index.js';
import { loadRegistry } from './load/load-registry.js';

const config = loadConfig();
const db = await openDatabase(config, console);
try {
  const registry = generateRegistry();
  await loadRegistry(db.dataSource, registry);
  console.log(`registry loaded: ${registry.reservoirs.length} reservoirs, ${registry.projects.length} projects`);
} finally {
  await db.close();
}
