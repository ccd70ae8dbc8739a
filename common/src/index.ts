export * from './registry/index.js';
export * from './config/app-config.js';
export * from './database/index.js';
export * from './broker/embedded-broker.js';
export * from './process/shutdown.js';
