/** Work done after commits (alert judging, flood watches) starts at most this often while commits keep coming. */
export const PASS_SPACING_MS = 1_000;

/**
 * Runs `pass` whenever `pending()` says work waits: one pass at a time, and while work keeps arriving at most one
 * pass per `spacingMs`. What arrives during a pass or the pause after it is merged by the caller and taken by the
 * next pass. A pass reads every reservoir it touches whatever the number of new readings, so back-to-back passes
 * during a flood of readings (a backlog, a catching-up source) would take the CPU and database from ingest itself.
 */
export function pacedPasses(pending: () => boolean, pass: () => Promise<void>, spacingMs = PASS_SPACING_MS) {
  let running: Promise<void> | undefined;
  const loop = async () => {
    // A pass, then the rest of its spacing, then another if work came meanwhile: so at most one per spacing.
    do {
      const started = Date.now();
      await pass();
      const rest = started + spacingMs - Date.now();
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    } while (pending());
    running = undefined;
  };
  return {
    /** Work has arrived: starts a pass now if none is running or pausing. */
    kick: () => void (running ??= loop()),
    /** Resolves when no pass is running or waiting. */
    idle: async () => void (await running),
  };
}
