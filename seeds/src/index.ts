export { generateRegistry } from './generate/index.js';
export { loadRegistry } from './load/load-registry.js';
export { seedIfEmpty } from './load/seed-if-empty.js';
