export * from './money.js';
export * from './funding-policy.js';
