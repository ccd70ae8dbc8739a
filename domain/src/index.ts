// The domain's public surface: each capability folder exports its rules here.
export * from './flood/index.js';
