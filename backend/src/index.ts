export { startBackend } from './bootstrap.js';
export { offlineOpenApiDocument } from './openapi.js';
export type { InProcessIngest, Runtime, StormSwitch } from './config/runtime.js';
