import { decodeAsciiBody } from './ascii-body.js';
import { attempt } from './errors.js';
import { parseFrame } from './frame.js';
import { decodeHexBody } from './hex-body.js';
import type { Frame, FrameHeader, Message, Result } from './types.js';

/** Function codes whose body this codec understands. */
export const SUPPORTED_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['2F', 'link keep-alive'],
  ['30', 'test report'],
  ['31', 'evenly-spaced period report'],
  ['32', 'timed report'],
  ['33', 'added report'],
  ['34', 'hourly report'],
]);

function describeUnsupported(code: string): string {
  const n = parseInt(code, 16);
  if (n === 0x35) return ' (manual entry)';
  if (n === 0x36) return ' (picture)';
  if (n >= 0x37 && n <= 0x3a) return ' (answer to a central-station query)';
  if (n >= 0x40 && n <= 0x4a) return ' (configuration)';
  return '';
}

/** Decodes a whole message body (a single frame's, or reassembled packets'); `header` may be a whole Frame. */
export function decodeBody(header: FrameHeader, body: Uint8Array): Result<Message> {
  if (!SUPPORTED_FUNCTIONS.has(header.functionCode)) {
    return {
      ok: false,
      error: `unsupported function code ${header.functionCode}${describeUnsupported(header.functionCode)}`,
    };
  }
  return attempt(() => (header.encoding === 'hex' ? decodeHexBody : decodeAsciiBody)(header, body));
}

/** Decodes one single-packet frame of either variant. Packets of multi-packet messages go through a Reassembler. */
export function decodeFrame(bytes: Uint8Array): Result<Message> {
  const frame = parseFrame(bytes);
  if (!frame.ok) return frame;
  const { packet } = frame.value;
  if (packet) {
    return {
      ok: false,
      error: `packet ${packet.index} of ${packet.total} of a multi-packet message: reassemble it first`,
    };
  }
  return withWarnings(decodeBody(frame.value, frame.value.body), frame.value.warnings);
}

/** Puts what the envelope tolerated (e.g. a stray 7E) before what the body decoder tolerated. */
function withWarnings(result: Result<Message>, warnings: readonly string[] | undefined): Result<Message> {
  if (result.ok && warnings?.length) result.value.warnings = [...warnings, ...(result.value.warnings ?? [])];
  return result;
}

interface Pending {
  header: Frame;
  parts: Map<number, Uint8Array>;
  bytes: number;
  warnings: string[];
}

/**
 * Joins the packets of multi-packet (SYN … ETB, ETX) messages, per station and function code, and decodes the
 * whole body once every packet is in; single-packet frames pass straight through. The first packet carries the
 * serial, send time and station part, the others continue its body. Memory is bounded: at most `maxPending`
 * messages of at most `maxMessageBytes` each are held, the oldest dropped first.
 */
export class Reassembler {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly maxPending = 64,
    private readonly maxMessageBytes = 1 << 20,
  ) {}

  /** The decoded message, an error, or `null` while packets are missing. */
  push(frame: Frame): Result<Message> | null {
    if (!frame.packet) return withWarnings(decodeBody(frame, frame.body), frame.warnings);
    const key = `${frame.encoding}/${frame.stationAddress}/${frame.functionCode}/${frame.direction}`;
    let entry = this.pending.get(key);
    if (entry && entry.header.packet?.total !== frame.packet.total) {
      this.pending.delete(key);
      entry = undefined;
    }
    if (!entry) {
      entry = { header: frame, parts: new Map(), bytes: 0, warnings: [] };
      this.pending.set(key, entry);
      this.evictOldest();
    }
    entry.bytes += frame.body.length - (entry.parts.get(frame.packet.index)?.length ?? 0);
    entry.parts.set(frame.packet.index, Uint8Array.from(frame.body));
    entry.warnings.push(...(frame.warnings ?? []));
    if (entry.bytes > this.maxMessageBytes) {
      this.pending.delete(key);
      return { ok: false, error: `multi-packet message exceeds ${this.maxMessageBytes} bytes` };
    }
    if (entry.parts.size < frame.packet.total) return null;
    this.pending.delete(key);
    const { header, parts, warnings } = entry;
    const body = Buffer.concat(
      Array.from({ length: frame.packet.total }, (_, i) => parts.get(i + 1) ?? Buffer.alloc(0)),
    );
    return withWarnings(decodeBody(header, body), warnings);
  }

  /** Parses and pushes raw frame bytes. */
  decode(bytes: Uint8Array): Result<Message> | null {
    const frame = parseFrame(bytes);
    return frame.ok ? this.push(frame.value) : frame;
  }

  /** One error per message still missing packets, e.g. at the end of input. */
  incomplete(): string[] {
    return [...this.pending.values()].map(
      ({ header, parts }) =>
        `incomplete multi-packet message from station ${header.stationAddress}: ${parts.size} of ${header.packet?.total} packets`,
    );
  }

  private evictOldest(): void {
    if (this.pending.size <= this.maxPending) return;
    const [oldest] = this.pending.keys();
    this.pending.delete(oldest);
  }
}
