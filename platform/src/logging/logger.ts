export type LogLevel = 'error' | 'warn' | 'log' | 'debug';

/** What services log through: one line per event, the error's own message and code appended when there is one. */
export interface Logger {
  error(message: string, err?: unknown): void;
  warn(message: string, err?: unknown): void;
  log(message: string): void;
  debug(message: string): void;
}

const ORDER: LogLevel[] = ['error', 'warn', 'log', 'debug'];
let threshold = ORDER.indexOf((process.env.LOG_LEVEL as LogLevel | undefined) ?? 'log');
if (threshold < 0) threshold = ORDER.indexOf('log');

/** Set once by each entry point from its configuration (LOG_LEVEL); every logger of the process follows it. */
export function setLogLevel(level: LogLevel): void {
  threshold = ORDER.indexOf(level);
}

/** `context` names the part of the system speaking (e.g. `ingest`, `sl651`). */
export function createLogger(context: string): Logger {
  const write = (level: LogLevel, message: string, err?: unknown) => {
    if (ORDER.indexOf(level) > threshold) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${context}] ${message}${describe(err)}`;
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
  };
  return {
    error: (message, err) => write('error', message, err),
    warn: (message, err) => write('warn', message, err),
    log: (message) => write('log', message),
    debug: (message) => write('debug', message),
  };
}

function describe(err: unknown): string {
  if (err === undefined) return '';
  if (!(err instanceof Error)) return `: ${String(err)}`;
  const code = (err as { code?: unknown }).code;
  return `: ${err.message}${typeof code === 'string' ? ` (${code})` : ''}`;
}
