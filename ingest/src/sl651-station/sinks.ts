import type { RainNoteKind, RainState } from '../sl651/index.js';

/** A station's rain state after a report, to be committed with that report's readings. */
export interface RainStateChange {
  stationAddress: string;
  state: RainState;
}

/** What travels with a converted message besides its readings. */
export interface MessageExtras {
  /** Set on the last payload of a report that moved the station's rain state. */
  rain?: RainStateChange;
  /** False for reports outside the schedule (SL 651 `33` added reports): not counted as a scheduled report. */
  scheduled?: boolean;
}

/** Where converted SL 651 messages go: the JSON telemetry pipeline (`IngestPipeline` has this shape). */
export interface TelemetrySink {
  accept(topic: string, payload: Buffer, committed: () => void, extras?: MessageExtras): void;
}

/**
 * Why an SL 651 frame, or part of its rainfall, never became telemetry. `rain_…` entries are the rain notes of a
 * report that was otherwise stored (`accumulateRain`): an interval whose rain is not known (`rain_uncounted`), a
 * counter that fell (`rain_reset`) or says less than is stored (`rain_mismatch`), a report timed ahead of the
 * central station's clock (`rain_ahead`). Repeated and late reports are normal (M2 retries) and not logged.
 */
export type Sl651RejectReason =
  'bad_frame' | 'bad_station_address' | 'station_mismatch' | 'garbage_stream' | `rain_${Exclude<RainNoteKind, 'late'>}`;

/**
 * The reject log for input that cannot be expressed as telemetry (undecodable frames, addresses that name no
 * reservoir). `payload` is the hex of the raw bytes so an engineer can decode it again with `sl651 decode`.
 */
export interface RejectSink {
  reject(topic: string, reason: Sl651RejectReason, detail: string, payload: string): void;
}
