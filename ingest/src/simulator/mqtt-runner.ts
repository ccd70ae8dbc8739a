import type { ReservoirSeed } from '@yz/domain';
import mqtt from 'mqtt';
import { Simulator, type SimulatorOptions } from './simulator.js';

export interface RunningSimulator {
  simulator: Simulator;
  stop(): Promise<void>;
}

/** Connects to the broker (with the deployment's login) and publishes every station's telemetry there, QoS 1, until stopped. */
export async function connectAndRun(
  mqttUrl: string,
  reservoirs: readonly ReservoirSeed[],
  options: SimulatorOptions,
  login: { username?: string; password?: string } = {},
): Promise<RunningSimulator> {
  const simulator = new Simulator(reservoirs, options);
  const client = await mqtt.connectAsync(mqttUrl, { username: login.username, password: login.password });
  simulator.start(async (topic, payload) => {
    await client.publishAsync(topic, payload, { qos: 1 });
  });
  return {
    simulator,
    async stop() {
      simulator.stop();
      // A simulator's unsent reports do not matter at shutdown; waiting for them could hold the stop up.
      await client.endAsync(true);
    },
  };
}
