export * from './config/app-config.js';
export * from './database/index.js';
export * from './broker/embedded-broker.js';
export * from './process/shutdown.js';
export * from './alerts/alert-store.js';
export * from './events/index.js';
export * from './logging/index.js';
export * from './config/service-options.js';
