import { encodeAsciiBody } from './ascii-body.js';
import { EOT, ESC, ETB, ETX, MAX_BODY_LENGTH, encodeFrame } from './frame.js';
import { encodeHexBody } from './hex-body.js';
import type { FrameHeader, Message } from './types.js';

/** Packet info takes 3 body bytes (HEX) or 6 characters (ASCII) of each packet of a multi-packet message. */
const PACKET_INFO_LENGTH = { hex: 3, ascii: 6 } as const;

export interface EncodeOptions {
  /** Largest body per frame (default 4095, the 12-bit limit); a longer message is sent as SYN packets. */
  maxBodyLength?: number;
}

/**
 * Encodes a message as one frame, or as several SYN packets when its body exceeds `maxBodyLength`.
 * Encoder input comes from our own code (simulator, tests), so bad input throws a RangeError.
 */
export function encodeMessage(message: Message, options: EncodeOptions = {}): Buffer[] {
  const body = encodeBody(message);
  const maxBodyLength = options.maxBodyLength ?? MAX_BODY_LENGTH;
  const lastEnd = message.direction === 'up' ? ETX : EOT;
  if (body.length <= maxBodyLength) return [encodeFrame(message, body, null, lastEnd)];
  const chunk = maxBodyLength - PACKET_INFO_LENGTH[message.encoding];
  if (chunk < 1) throw new RangeError(`maxBodyLength ${maxBodyLength} leaves no room for data`);
  const total = Math.ceil(body.length / chunk);
  if (total > 4095) throw new RangeError(`message needs ${total} packets, at most 4095 are possible`);
  return Array.from({ length: total }, (_, i) =>
    encodeFrame(
      message,
      body.subarray(i * chunk, (i + 1) * chunk),
      { total, index: i + 1 },
      i + 1 === total ? lastEnd : ETB,
    ),
  );
}

export interface AckOptions {
  /** `EOT` ends the link; `ESC` keeps the station online for 10 minutes. Default `EOT`. */
  end?: 'EOT' | 'ESC';
  /** Send time of the confirmation; default the confirmed message's own send time. */
  sentAt?: Date;
}

/** The central station's M2 confirmation: a downlink frame with the confirmed message's function code and serial. */
export function encodeAck(message: FrameHeader & { serial: number; sentAt: Date }, options: AckOptions = {}): Buffer {
  const ack: Message = {
    encoding: message.encoding,
    direction: 'down',
    centralAddress: message.centralAddress,
    stationAddress: message.stationAddress,
    password: message.password,
    functionCode: message.functionCode,
    serial: message.serial,
    sentAt: options.sentAt ?? message.sentAt,
    stationType: null,
    timeStepMinutes: null,
    observations: [],
  };
  return encodeFrame(ack, encodeBody(ack), null, options.end === 'ESC' ? ESC : EOT);
}

function encodeBody(message: Message): Buffer {
  if (!Number.isInteger(message.serial) || message.serial < 0 || message.serial > 0xffff) {
    throw new RangeError(`serial ${message.serial} is not a 16-bit number`);
  }
  return message.encoding === 'hex' ? encodeHexBody(message) : encodeAsciiBody(message);
}
