/** Shared types of the SL 651-2014 codec. */

/** Either a value or a precise reason why there is none; decoders never throw. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** HEX/BCD frames start with `7E 7E`, ASCII frames with SOH `01`. */
export type Encoding = 'hex' | 'ascii';

export type Direction = 'up' | 'down';

/** A decoded element value: a number in the element's unit, `null` for an invalid marker, the status word
 * `45` as 8 hex digits, or the 12-value 5-minute arrays `F4` (mm) and `F5`–`FC` (m). */
export type ElementValue = number | null | string | (number | null)[];

/** Element values keyed by identifier in upper-case hex (`39`, `F4`, `FF09` for extended identifiers). */
export type Elements = Record<string, ElementValue>;

export interface Observation {
  observedAt: Date;
  elements: Elements;
}

/** Packet position of one frame of a multi-packet (SYN … ETB/ETX) message; both 1-based. */
export interface PacketInfo {
  total: number;
  index: number;
}

/** The envelope of one frame: everything but the body's meaning. */
export interface FrameHeader {
  encoding: Encoding;
  direction: Direction;
  centralAddress: number;
  /** 10 upper-case hex digits, as sent. */
  stationAddress: string;
  /** 4 upper-case hex digits. */
  password: string;
  /** 2 upper-case hex digits, e.g. `32`. */
  functionCode: string;
}

export interface Frame extends FrameHeader {
  /** `null` for a single-packet (STX) frame. */
  packet: PacketInfo | null;
  /** Body bytes without the packet info (ASCII frames: the body characters). */
  body: Uint8Array;
  /** End character: ETX `03`, ETB `17`, or a downlink control character (EOT `04`, ESC `1B`, …). */
  endChar: number;
  /** What was odd but unambiguous and tolerated (e.g. a stray `7E` after the CRC); absent when nothing was. */
  warnings?: string[];
}

/** A whole message: one frame, or the reassembled packets of a multi-packet message. */
export interface Message extends FrameHeader {
  serial: number;
  sentAt: Date;
  /** Station type from `F1 F1` as 2 hex digits (`50` rain, `48` river, `4B` reservoir, `5A` sluice); `null` when absent. */
  stationType: string | null;
  /** Time step of an evenly-spaced report (function `31`), minutes; `null` otherwise. */
  timeStepMinutes: number | null;
  observations: Observation[];
  /** What was odd in the frame but unambiguous, and was tolerated; absent when nothing was. */
  warnings?: string[];
}
