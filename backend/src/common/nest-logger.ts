import type { LoggerService } from '@nestjs/common';
import { createLogger, type Logger } from '@yz/platform';

/** Nest's start-up chatter (modules loaded, every route mapped): worth seeing only when debugging. */
const FRAMEWORK = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'WebSocketsController',
]);

/**
 * Nest's messages and those of the services' `new Logger(context)` in the one-line format of every other part of the
 * system, under the same LOG_LEVEL: one log a person can read and grep, whatever part spoke.
 */
export class NestLogger implements LoggerService {
  private readonly loggers = new Map<string, Logger>();

  log(message: unknown, context?: string): void {
    if (context && FRAMEWORK.has(context)) this.of(context).debug(String(message));
    else this.of(context).log(String(message));
  }

  /** Nest passes an exception's stack before the context: kept, an unexpected error is found by it. */
  error(message: unknown, ...rest: unknown[]): void {
    const [context, stack] = rest.length > 1 ? [rest[1], rest[0]] : [rest[0], undefined];
    const text = typeof stack === 'string' && stack ? `${String(message)}\n${stack}` : String(message);
    this.of(typeof context === 'string' ? context : undefined).error(text);
  }

  warn(message: unknown, context?: string): void {
    this.of(context).warn(String(message));
  }

  debug(message: unknown, context?: string): void {
    this.of(context).debug(String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.of(context).debug(String(message));
  }

  fatal(message: unknown, context?: string): void {
    this.of(context).error(String(message));
  }

  private of(context = 'api'): Logger {
    let logger = this.loggers.get(context);
    if (!logger) this.loggers.set(context, (logger = createLogger(context)));
    return logger;
  }
}
