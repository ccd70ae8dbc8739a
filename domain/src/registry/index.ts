export * from './areas.js';
export * from './sensor-types.js';
export * from './types.js';
