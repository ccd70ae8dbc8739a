import type { MqttClient } from 'mqtt';
import { encodeAck, FrameSplitter, Reassembler } from '../sl651/index.js';
import { feedFrame, rejectTopic, type Sinks } from './feed.js';
import { MemoryRainStateStore, type RainStateStore } from './rain-state.js';

export interface Sl651BridgeOptions extends Sinks {
  /** Rain state per station; default in memory. Share one with the TCP station (a station may use both). */
  rainState?: RainStateStore;
  /** A client of its own: the telemetry source's client feeds every message it receives to the pipeline. */
  client: MqttClient;
  /** Deployment prefix, as for telemetry topics (e.g. `''` or `site1/`). */
  topicPrefix: string;
}

export interface Sl651Bridge {
  close(): Promise<void>;
}

const UP_TOPIC = /^sl651\/([^/]+)\/up$/;
const HEX_TEXT = /^[0-9A-Fa-f\s]+$/;
/** One shared reassembler for every station on the broker: room for many multi-packet messages at once. */
const MAX_PENDING_MESSAGES = 1024;

/**
 * For DTUs that forward the RTU's raw frames to MQTT: `{prefix}sl651/{stationAddress}/up` carries one or more
 * frames, as bytes or as their hex text. The M2 confirmation is published to `{prefix}sl651/{stationAddress}/down`
 * once the readings are committed, for DTUs that pass it back to the RTU.
 */
export async function startSl651Bridge(opts: Sl651BridgeOptions): Promise<Sl651Bridge> {
  const { client, topicPrefix } = opts;
  const subscription = `${topicPrefix}sl651/+/up`;
  const reassembler = new Reassembler(MAX_PENDING_MESSAGES);
  const targets = { ...opts, rainState: opts.rainState ?? new MemoryRainStateStore() };

  const onMessage = (topic: string, payload: Buffer) => {
    const address = UP_TOPIC.exec(topic.startsWith(topicPrefix) ? topic.slice(topicPrefix.length) : topic)?.[1];
    if (address === undefined) return; // another subscription of the same client
    const bytes = decodePayload(payload);
    const splitter = new FrameSplitter();
    const frames = splitter.push(bytes);
    // One stray 7E after the last CRC (some DTUs send it) is tolerated, as `decodeFrame` does.
    const stray = splitter.buffered === 1 && bytes[bytes.length - 1] === 0x7e ? 1 : 0;
    if (frames.length === 0 || splitter.discardedBytes > 0 || splitter.buffered > stray) {
      const detail = frames.length
        ? `${splitter.discardedBytes + splitter.buffered} bytes around the frames are not SL 651 frames`
        : 'no whole SL 651 frame with a valid CRC in the message';
      opts.rejects.reject(rejectTopic(address), 'bad_frame', detail, bytes.toString('hex').toUpperCase());
    }
    for (const frame of frames) {
      feedFrame(
        frame,
        reassembler,
        targets,
        (message) => void client.publish(`${topicPrefix}sl651/${address}/down`, encodeAck(message), { qos: 1 }),
        address,
      );
    }
  };

  client.on('message', onMessage);
  // Subscribing again after a reconnect covers a broker that lost the session.
  const subscribe = () => void client.subscribeAsync(subscription, { qos: 1 }).catch(() => undefined);
  client.on('connect', subscribe);
  await client.subscribeAsync(subscription, { qos: 1 });
  return {
    async close() {
      client.off('message', onMessage);
      client.off('connect', subscribe);
      await client.unsubscribeAsync(subscription).catch(() => undefined);
    },
  };
}

/** DTUs send either the raw bytes or their hex text; raw frames always contain non-hex bytes (7E, 01, 02…). */
export function decodePayload(payload: Buffer): Buffer {
  const text = payload.toString('latin1');
  return HEX_TEXT.test(text) ? Buffer.from(text.replace(/\s+/g, ''), 'hex') : payload;
}
