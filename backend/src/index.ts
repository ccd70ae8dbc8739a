export { startBackend } from './bootstrap.js';
export { ENTITIES } from './app.module.js';
export type { InProcessIngest, Runtime, StoredReading, StormSwitch } from './config/runtime.js';
