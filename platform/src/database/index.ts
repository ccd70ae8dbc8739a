export * from './data-source.js';
export * from './embedded-database.js';
export * from './timescale.js';
export * from './open-database.js';
export * from './sql-client.js';
export * from './rollup-refresh.js';
