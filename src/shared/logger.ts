import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from 'pino';

import { redact } from './redact.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: string;
  /** Human lines (pino-pretty) instead of JSON; defaults to whether stderr is a TTY. */
  pretty?: boolean;
  /**
   * A stream, or a file descriptor written synchronously: a worker thread's process.stderr is
   * relayed through the main thread and comes out after what the main thread wrote since.
   */
  destination?: NodeJS.WritableStream | number;
}

/**
 * Logs go to stderr: human lines on a TTY, one JSON object per line otherwise (cron output to
 * ship and grep). Level from LOG_LEVEL (default info). Every message is redacted.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const human = options.pretty ?? Boolean(process.stderr.isTTY);
  const to = options.destination ?? process.stderr;
  const destination = typeof to === 'number' ? pino.destination({ fd: to, sync: true }) : to;
  const base = {
    level,
    base: undefined,
    redact: {
      paths: ['token', 'apiKey', 'headers.authorization', '*.token', '*.apiKey', 'secret'],
      censor: '[redacted]',
    },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? redact(arg) : arg)),
        );
      },
    },
  };
  if (human) {
    return pino(
      base,
      pretty({
        destination,
        colorize: Boolean(process.stderr.isTTY),
        sync: true,
        ignore: 'pid,hostname',
      }),
    );
  }
  return pino(base, destination);
}

/** A logger that drops everything; for library callers that pass none. */
export const silentLogger: Logger = pino({ level: 'silent' });
