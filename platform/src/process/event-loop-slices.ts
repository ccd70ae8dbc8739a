import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long a loop may hold the event loop before it lets I/O in. */
const SLICE_MS = 10;

/**
 * For loops over a whole province (outlooks, flood watches, verdicts: 14,000 reservoirs took 100–250 ms each): call
 * `await pause()` once per item, and every `sliceMs` it waits for the event loop's next turn, so that the socket
 * carrying an alarm reading is read between slices instead of after the whole loop.
 */
export function eventLoopSlices(sliceMs = SLICE_MS): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await nextTurn();
    sliceStart = performance.now();
  };
}
