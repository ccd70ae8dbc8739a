/** Thrown inside the codec to stop at the first problem; the decoders catch it and return `{ ok: false }`. */
export class FrameError extends Error {}

/** Runs `decode`, turning a FrameError into an error result. Other exceptions are bugs and propagate. */
export function attempt<T>(decode: () => T): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: decode() };
  } catch (error) {
    if (error instanceof FrameError) return { ok: false, error: error.message };
    throw error;
  }
}
