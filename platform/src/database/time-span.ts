/**
 * The earliest and latest of the times a statement reads around, to be given to it as constants. Bounds known when a
 * statement is planned leave the readings' chunks outside them out of the plan; bounds known only row by row (a
 * lateral lookup's own times) leave every chunk in, and each loop of the lateral deals with all of them: with two
 * years of weekly chunks, about 0.3 ms a lookup on the embedded database.
 */
export function timeSpan(times: readonly Date[]): { earliest: Date; latest: Date } {
  let earliest = Infinity;
  let latest = -Infinity;
  for (const t of times) {
    earliest = Math.min(earliest, t.getTime());
    latest = Math.max(latest, t.getTime());
  }
  return { earliest: new Date(earliest), latest: new Date(latest) };
}
