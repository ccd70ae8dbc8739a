// The domain's public surface: pure rules, no I/O. Each capability folder exports its rules here.
export * from './registry/index.js';
export * from './time/index.js';
export * from './collections/index.js';
export * from './season/index.js';
export * from './random/index.js';
export * from './alerts/index.js';
export * from './alert-rules/index.js';
export * from './dam-safety/index.js';
export * from './hydrology/index.js';
export * from './funding/index.js';
export * from './programme/index.js';
export * from './appraisal/index.js';
export * from './flood/index.js';
export * from './station-health/index.js';
