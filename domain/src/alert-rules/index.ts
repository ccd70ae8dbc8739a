export * from './water-level.js';
export * from './water-level-rise.js';
export * from './rain.js';
export * from './station.js';
export * from './config.js';
