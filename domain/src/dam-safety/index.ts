export * from './sensor-rules.js';
export * from './hst/index.js';
