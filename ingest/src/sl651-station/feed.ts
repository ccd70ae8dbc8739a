import { parseFrame, type Message, type Reassembler } from '../sl651/index.js';
import { toTelemetry } from './convert.js';
import type { RejectSink, TelemetrySink } from './sinks.js';

export interface Sinks {
  sink: TelemetrySink;
  rejects: RejectSink;
}

/** Topic under which SL 651 input is named in the reject log. */
export const rejectTopic = (stationAddress: string): string => `sl651/${stationAddress}/up`;

/**
 * Decodes one whole frame (through the connection's or bridge's Reassembler) and feeds the result to the sinks.
 * `confirm` runs once the message's readings are committed — the moment the RTU may forget them — and only for
 * messages that want a confirmation (not a 2F keep-alive, which the RTU sends without expecting a reply).
 * A frame that cannot be decoded or whose address names no reservoir goes to the reject log and is not confirmed.
 * `expectedAddress` (MQTT bridge: from the topic) must match the frame's station address.
 */
export function feedFrame(
  frame: Buffer,
  reassembler: Reassembler,
  sinks: Sinks,
  confirm: (message: Message) => void,
  expectedAddress?: string,
): void {
  const decoded = reassembler.decode(frame);
  if (decoded === null) return; // more packets of a multi-packet message to come
  const hex = frame.toString('hex').toUpperCase();
  if (!decoded.ok) {
    const envelope = parseFrame(frame);
    const address = expectedAddress ?? (envelope.ok ? envelope.value.stationAddress : 'unknown');
    sinks.rejects.reject(rejectTopic(address), 'bad_frame', decoded.error, hex);
    return;
  }
  const message = decoded.value;
  if (expectedAddress !== undefined && message.stationAddress !== expectedAddress) {
    const detail = `frame from station ${message.stationAddress} published for station ${expectedAddress}`;
    sinks.rejects.reject(rejectTopic(expectedAddress), 'station_mismatch', detail, hex);
    return;
  }
  const conversion = toTelemetry(message);
  if (!conversion.ok) {
    sinks.rejects.reject(rejectTopic(message.stationAddress), conversion.reason, conversion.detail, hex);
    return;
  }
  const done = message.functionCode === '2F' ? () => {} : () => confirm(message);
  let pending = conversion.payloads.length;
  if (pending === 0) return done();
  const committed = () => {
    if (--pending === 0) done();
  };
  for (const payload of conversion.payloads) {
    sinks.sink.accept(conversion.topic, Buffer.from(JSON.stringify(payload)), committed);
  }
}
