import { formatBeijing } from '@yz/domain';
import { parseFrame, type Message, type Reassembler } from '../sl651/index.js';
import { toTelemetry } from './convert.js';
import type { RainStateStore } from './rain-state.js';
import type { RejectSink, TelemetrySink } from './sinks.js';

export interface Sinks {
  sink: TelemetrySink;
  rejects: RejectSink;
}

/** The sinks, and each station's rain state between its reports. */
export interface FeedTargets extends Sinks {
  rainState: RainStateStore;
}

/** `33` 加报: sent outside the schedule (rain started, a level crossed), so not a scheduled report. */
const ADDED_REPORT = '33';

/** Topic under which SL 651 input is named in the reject log. */
export const rejectTopic = (stationAddress: string): string => `sl651/${stationAddress}/up`;

/**
 * Decodes one whole frame (through the connection's or bridge's Reassembler) and feeds the result to the sinks.
 * `confirm` runs once the message's readings are committed — the moment the RTU may forget them — and only for
 * messages that want a confirmation (not a 2F keep-alive, which the RTU sends without expecting a reply).
 * A frame that cannot be decoded or whose address names no reservoir goes to the reject log and is not confirmed;
 * what a stored report's rainfall leaves unknown or odd is logged there too (`rain_…` reasons).
 * `expectedAddress` (MQTT bridge: from the topic) must match the frame's station address.
 */
export function feedFrame(
  frame: Buffer,
  reassembler: Reassembler,
  sinks: FeedTargets,
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
  const address = message.stationAddress;
  const rainBefore = sinks.rainState.get(address);
  const conversion = toTelemetry(message, rainBefore, new Date());
  if (!conversion.ok) {
    sinks.rejects.reject(rejectTopic(address), conversion.reason, conversion.detail, hex);
    return;
  }
  const { state, notes } = conversion.rain;
  const moved = state !== null && state !== rainBefore;
  if (moved) sinks.rainState.set(address, state);
  for (const { kind, detail } of notes) {
    if (kind !== 'late') sinks.rejects.reject(rejectTopic(address), `rain_${kind}`, detail, hex);
  }
  const done = message.functionCode === '2F' ? () => {} : () => confirm(message);
  // A report that only moved the rain state (a first PT) still commits it, as a payload without readings.
  const payloads =
    conversion.payloads.length || !moved ? conversion.payloads : [{ ts: formatBeijing(message.sentAt), readings: [] }];
  let pending = payloads.length;
  if (pending === 0) return done();
  const committed = () => {
    if (--pending === 0) done();
  };
  const scheduled = message.functionCode !== ADDED_REPORT;
  payloads.forEach((payload, i) => {
    const rain = moved && i === payloads.length - 1 ? { stationAddress: address, state } : undefined;
    sinks.sink.accept(conversion.topic, Buffer.from(JSON.stringify(payload)), committed, { rain, scheduled });
  });
}
