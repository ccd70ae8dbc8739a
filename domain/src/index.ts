// The domain's public surface: each capability folder exports its rules here.
export * from './dam-safety/hst/index.js';
