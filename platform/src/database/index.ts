export * from './schema.js';
export * from './connect.js';
export * from './embedded-database.js';
export * from './timescale.js';
export * from './open-database.js';
export * from './rollup-refresh.js';
export * from './failure.js';
export * from './characteristic-levels.js';
export { MIGRATIONS } from './migrations/index.js';
