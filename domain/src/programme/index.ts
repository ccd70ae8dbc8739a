export * from './programme-rules.js';
