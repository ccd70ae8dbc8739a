export { startIngest, type IngestService } from './ingest-service.js';
export type { ValidReading } from './telemetry/payload.js';
export { isFloodSeason } from './alerts/rules/index.js';
export { Simulator, connectAndRun, type RunningSimulator } from './simulator/index.js';
