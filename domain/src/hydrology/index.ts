export * from './stage-storage.js';
export * from './water-balance.js';
