/** Readings in one commit at most: past this a bigger statement gains little and holds its acknowledgements longer. */
export const MAX_BATCH_READINGS = 10_000;

/**
 * How many of the waiting messages (their reading counts, oldest first) the next commit takes: a short queue all at
 * once (a lone message is not held back), a long one shared out among the commits that can run side by side, each
 * at most `maxMessages` messages and about `maxReadings` readings (always at least one message).
 */
export function nextBatchSize(
  readingsPerMessage: readonly number[],
  lanes: number,
  maxMessages: number,
  maxReadings = MAX_BATCH_READINGS,
): number {
  const share = Math.min(maxMessages, Math.ceil(readingsPerMessage.length / lanes));
  let readings = 0;
  for (let n = 0; n < share; n++) {
    readings += readingsPerMessage[n]!;
    if (readings >= maxReadings) return n + 1;
  }
  return share;
}
