export * from './sensor-rules.js';
