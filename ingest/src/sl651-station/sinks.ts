/** Where converted SL 651 messages go: the JSON telemetry pipeline (`IngestPipeline` has this shape). */
export interface TelemetrySink {
  accept(topic: string, payload: Buffer, committed: () => void): void;
}

import type { RainNoteKind } from '../sl651/index.js';

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
