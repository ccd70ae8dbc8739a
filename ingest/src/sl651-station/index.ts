export { reservoirCodeOf, stationAddressOf } from './address.js';
export {
  toTelemetry,
  STORED_FUNCTIONS,
  WATER_LEVEL_PREFERENCE,
  VOLTAGE_PREFERENCE,
  MAX_READINGS_PER_PAYLOAD,
} from './convert.js';
export type { Conversion, TelemetryPayload, TelemetryReading } from './convert.js';
export { feedFrame, rejectTopic, type FeedTargets, type Sinks } from './feed.js';
export { loadRainStates, MemoryRainStateStore, type RainStateStore } from './rain-state.js';
export { startSl651Station, type Sl651Station, type Sl651StationOptions } from './tcp-station.js';
export { startSl651Bridge, decodePayload, type Sl651Bridge, type Sl651BridgeOptions } from './mqtt-bridge.js';
export type { RejectSink, Sl651RejectReason, TelemetrySink } from './sinks.js';
