/** Where converted SL 651 messages go: the JSON telemetry pipeline (`IngestPipeline` has this shape). */
export interface TelemetrySink {
  accept(topic: string, payload: Buffer, committed: () => void): void;
}

/** Why an SL 651 frame never became telemetry. */
export type Sl651RejectReason = 'bad_frame' | 'bad_station_address' | 'station_mismatch' | 'garbage_stream';

/**
 * The reject log for input that cannot be expressed as telemetry (undecodable frames, addresses that name no
 * reservoir). `payload` is the hex of the raw bytes so an engineer can decode it again with `sl651 decode`.
 */
export interface RejectSink {
  reject(topic: string, reason: Sl651RejectReason, detail: string, payload: string): void;
}
