export { startBackend } from './bootstrap.js';
export type { InProcessIngest, Runtime, StormSwitch } from './config/runtime.js';
