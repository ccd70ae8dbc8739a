import mqtt, { type MqttClient } from 'mqtt';
import type { EmbeddedBroker, Logger, ServiceOptions } from '@yz/platform';
import { HIGH_WATER, type IngestPipeline } from './ingest-pipeline.js';

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
  /**
   * The in-process embedded broker: telemetry is taken from it as each message arrives, and the broker's PUBACK
   * to the station waits for the commit (MQTT 3.1.1 gives a subscriber no way to hold the publisher's PUBACK).
   */
  embedded?: EmbeddedBroker;
}

/** The source for a process's options: the embedded broker in-process, else the broker server over MQTT 5. */
export function mqttSourceOptions(options: ServiceOptions, url: string, embedded?: EmbeddedBroker): MqttSourceOptions {
  return {
    url,
    clientId: options.ingest.clientId,
    protocolVersion: embedded ? 4 : 5,
    topicPrefix: options.broker.topicPrefix,
    sharedGroup: options.ingest.sharedGroup,
    username: options.broker.username,
    password: options.broker.password,
    embedded,
  };
}

const TELEMETRY = /^reservoirs\/[^/]+\/telemetry$/;

/**
 * Feeds the pipeline from the broker with QoS 1 and a persistent session; a message is acknowledged only once it is
 * committed. From a broker server (MQTT 5) ingest sends its PUBACK after the commit and the broker keeps the message
 * until then; from the embedded broker the station's own PUBACK waits for the commit.
 */
const ACK_AFTER_COMMIT = new Error('acknowledged after commit');

/** mqtt.js has no public call to send a PUBACK by itself. */
function sendPacket(client: MqttClient, packet: { cmd: 'puback'; messageId: number; reasonCode: number }): void {
  (client as unknown as { _sendPacket(p: typeof packet): void })._sendPacket(packet);
}

export function connectMqttSource(opts: MqttSourceOptions, pipeline: IngestPipeline, logger: Logger): MqttClient {
  const topic = `${opts.topicPrefix}reservoirs/+/telemetry`;
  const subscription = opts.sharedGroup ? `$share/${opts.sharedGroup}/${topic}` : topic;
  const strip = (t: string) => (t.startsWith(opts.topicPrefix) ? t.slice(opts.topicPrefix.length) : t);
  const client = mqtt.connect(opts.url, {
    clientId: opts.clientId,
    clean: false,
    protocolVersion: opts.protocolVersion,
    properties:
      opts.protocolVersion === 5 ? { sessionExpiryInterval: 7 * 24 * 3600, receiveMaximum: HIGH_WATER } : undefined,
    reconnectPeriod: 1000,
    username: opts.username,
    password: opts.password,
    customHandleAcks: (t, message, packet: { messageId?: number }, done) => {
      const connection = client.stream;
      pipeline.accept(strip(t), message, () => {
        // Acknowledge on the connection the message came on; after a reconnect the broker redelivers it anyway.
        if (packet.messageId !== undefined && client.stream === connection && client.connected) {
          sendPacket(client, { cmd: 'puback', messageId: packet.messageId, reasonCode: 0 });
        }
      });
      // mqtt.js reads the next packet only once this callback runs, and would send the PUBACK with it: a message
      // per commit. Declining here lets it read on at once, without acknowledging; the PUBACK follows the commit.
      done(ACK_AFTER_COMMIT);
    },
  });
  // mqtt.js reports the declined acknowledgement as an error; it is the deliberate one above.
  client.on('error', (err) => {
    if (err !== ACK_AFTER_COMMIT) logger.warn(`MQTT connection to ${opts.url}`, err);
  });
  if (opts.embedded) {
    takeFromEmbedded(opts.embedded, opts.topicPrefix, pipeline);
    return client;
  }
  pipeline.on('pressure', (paused) => (paused ? client.stream.pause() : client.stream.resume()));
  // Subscribe on every connect, resumed session or not: some brokers (Mosquitto 2.0 among them) do not restore
  // shared subscriptions from their persistence file after a restart, and subscribing again is harmless.
  client.on('connect', () => client.subscribe(subscription, { qos: 1 }));
  return client;
}

/**
 * Every PUBLISH to the embedded broker passes here before the broker acknowledges it. While the pipeline keeps up, a
 * station's next messages are read as earlier ones wait for their commit (up to the broker's read-ahead limit); under
 * pressure a held message holds the next packets of its connection: back-pressure per station.
 */
function takeFromEmbedded(broker: EmbeddedBroker, prefix: string, pipeline: IngestPipeline): void {
  broker.setPublishHook((topic, payload, release) => {
    const own = topic.startsWith(prefix) ? topic.slice(prefix.length) : undefined;
    if (own === undefined || !TELEMETRY.test(own)) release();
    else pipeline.accept(own, payload, release);
    return !pipeline.underPressure;
  });
}
