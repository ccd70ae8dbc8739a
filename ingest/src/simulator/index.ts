export { connectAndRun, type RunningSimulator } from './mqtt-runner.js';
export { Simulator, type Publish, type SimulatorOptions, type TelemetryMessage } from './simulator.js';
