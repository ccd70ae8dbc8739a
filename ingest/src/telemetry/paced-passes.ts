/** Work done after commits (alert judging, flood watches) starts at most this often while commits keep coming. */
const PASS_SPACING_MS = 1_000;
/** While commits keep coming, passes are busy at most one part in this many of the time. */
const SHARE = 3;

/**
 * Runs `pass` whenever `pending()` says work waits, one pass at a time. What arrives during a pass or the pause
 * after it is merged by the caller and taken by the next pass. A pass reads every reservoir it touches whatever the
 * number of new readings (seconds for a province on the embedded database), so while work keeps arriving passes are
 * paced: at most one per `spacingMs`, and busy at most a third of the time, leaving the CPU and database to ingest
 * during a flood of readings (a backlog, a source catching up).
 */
export function pacedPasses(pending: () => boolean, pass: () => Promise<void>, spacingMs = PASS_SPACING_MS) {
  let running: Promise<void> | undefined;
  const loop = async () => {
    do {
      const started = Date.now();
      await pass();
      const took = Date.now() - started;
      const rest = Math.max(spacingMs, SHARE * took) - took;
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    } while (pending());
    running = undefined;
  };
  return {
    /** Work has arrived: starts a pass now unless one is running or pausing. */
    kick: () => void (running ??= loop()),
    /** Resolves when no pass is running or pausing. */
    idle: async () => void (await running),
  };
}
