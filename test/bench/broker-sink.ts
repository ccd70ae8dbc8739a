// The broker ceiling of bench:ingest: a subscriber that takes telemetry from the broker as ingest does (MQTT 5, QoS 1,
// persistent session, the same receive window) and does nothing with it but acknowledge it at once. It reports
// messages received × readings per message as `ingest_readings_stored_total` on its own /metrics, so the bench
// times it exactly as it times ingest. Run by bench/ingest.ts: node broker-sink.js <mqtt url> <prefix> <per message> <port>
import { createServer } from 'node:http';
import mqtt from 'mqtt';
import { HIGH_WATER } from '@yz/ingest';

const [url, prefix, perMessage, port] = process.argv.slice(2);
let messages = 0;
const client = mqtt.connect(url, {
  clientId: `yz-bench-sink-${process.pid}`,
  clean: false,
  protocolVersion: 5,
  properties: { sessionExpiryInterval: 600, receiveMaximum: HIGH_WATER },
});
client.on('connect', () => client.subscribe(`${prefix}reservoirs/+/telemetry`, { qos: 1 }));
client.on('message', () => messages++);
createServer((_req, res) => res.end(`ingest_readings_stored_total ${messages * Number(perMessage)}\n`)).listen(
  Number(port),
  '127.0.0.1',
);
process.on('SIGTERM', () => client.end(true, () => process.exit(0)));
