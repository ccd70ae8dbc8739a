/** Longest a graceful stop may take before the process gives up waiting (e.g. a database that went away). */
const GRACE_MS = 30_000;

/**
 * Ctrl-C / SIGTERM run `stop` once (commit what was received, close connections), then exit. A second signal, or
 * a stop that hangs past the grace period, exits at once: nothing acknowledged is lost that way, since what was
 * not committed was not acknowledged either.
 */
export function stopOnSignals(stop: () => Promise<void>, log: (message: string) => void = console.log): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: stopping — committing what was received (again to force)`);
    setTimeout(() => {
      log(`still stopping after ${GRACE_MS / 1000} s: exiting`);
      process.exit(1);
    }, GRACE_MS).unref();
    stop().then(
      () => process.exit(0),
      (err: Error) => {
        log(`stop failed: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
