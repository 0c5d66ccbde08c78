import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config';

const SENSITIVE_KEYS = ['password', 'secret', 'clientSecret', 'token', 'accessToken', 'access_token', 'refreshToken', 'body', 'htmlBody', 'textBody'];

/**
 * pino's redaction matches fixed paths, not "any depth", so each sensitive key is listed
 * at the depths our log objects reach. Tokens, secrets and mail bodies must never reach a
 * log line (REQUIREMENTS E2, ARCHITECTURE principle 15).
 */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
];

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Where lines go; stdout when absent. Tests pass a stream to read what was logged. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino({ level: options.level, redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' } }, options.destination);
}
