import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Paths removed from every log line. Phone numbers, message bodies and credentials must never reach
 * logs: reporters of illegal mining can be threatened, and logs travel further than the database.
 */
export const REDACTED_PATHS = [
  'From',
  'To',
  'Body',
  '*.From',
  '*.To',
  '*.Body',
  'from',
  'to',
  'body',
  'address',
  'phone',
  '*.from',
  '*.to',
  '*.body',
  '*.address',
  '*.phone',
  'authToken',
  '*.authToken',
  'req.headers.authorization',
  'req.headers["x-twilio-signature"]',
  'req.headers.cookie',
];

export interface LoggerOptions {
  level: string;
  production: boolean;
  /** Where to write; defaults to stdout (pretty-printed on a terminal outside production). */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const base = {
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (options.destination) return pino(base, options.destination);
  if (!options.production && process.stdout.isTTY) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } },
    });
  }
  return pino(base);
}
