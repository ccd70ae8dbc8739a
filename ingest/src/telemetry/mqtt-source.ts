import mqtt, { type MqttClient } from 'mqtt';
import type { IngestPipeline } from './ingest-pipeline.js';

export interface MqttSourceOptions {
  url: string;
  /** Stable id: with a persistent session the broker keeps what arrives while ingest is down. */
  clientId: string;
  /** Aedes (embedded) speaks 3.1.1; servers get MQTT 5 so acknowledgements can wait for the commit. */
  protocolVersion: 4 | 5;
  topicPrefix: string;
  /** Set to share the stream among ingest processes with `$share/{group}/…`. */
  sharedGroup?: string;
  username?: string;
  password?: string;
}

/**
 * Feeds the pipeline from the broker with QoS 1 and a persistent session. With MQTT 5 each PUBACK is sent only
 * once the message is committed. MQTT 3.1.1 (the in-process embedded broker) acknowledges on receipt, since that
 * broker keeps nothing across a restart anyway; there, back-pressure pauses reading the socket instead.
 */
export function connectMqttSource(opts: MqttSourceOptions, pipeline: IngestPipeline): MqttClient {
  const topic = `${opts.topicPrefix}reservoirs/+/telemetry`;
  const subscription = opts.sharedGroup ? `$share/${opts.sharedGroup}/${topic}` : topic;
  const strip = (t: string) => (t.startsWith(opts.topicPrefix) ? t.slice(opts.topicPrefix.length) : t);
  const client = mqtt.connect(opts.url, {
    clientId: opts.clientId,
    clean: false,
    protocolVersion: opts.protocolVersion,
    properties: opts.protocolVersion === 5 ? { sessionExpiryInterval: 7 * 24 * 3600, receiveMaximum: 1000 } : undefined,
    reconnectPeriod: 1000,
    username: opts.username,
    password: opts.password,
    customHandleAcks: (t, message, _packet, done) => pipeline.accept(strip(t), message, () => done(0)),
  });
  if (opts.protocolVersion === 4) client.on('message', (t, message) => pipeline.accept(strip(t), message, () => {}));
  pipeline.on('pressure', (paused) => (paused ? client.stream.pause() : client.stream.resume()));
  client.on('connect', (ack) => {
    // A resumed session still has its subscription; subscribing again is harmless and covers a lost session.
    if (!ack.sessionPresent || opts.protocolVersion === 4) client.subscribe(subscription, { qos: 1 });
  });
  return client;
}
