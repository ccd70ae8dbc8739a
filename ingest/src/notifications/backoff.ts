export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** Wait before the first retry; each further retry waits twice as long. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 3, baseDelayMs: 1000 };

/** The waits before each retry: base, 2 × base, 4 × base… (one fewer than the attempts). */
export function backoffDelays({ attempts, baseDelayMs }: RetryOptions): number[] {
  return Array.from({ length: Math.max(0, attempts - 1) }, (_, i) => baseDelayMs * 2 ** i);
}
