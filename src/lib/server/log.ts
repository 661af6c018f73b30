import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream } from 'pino';

/**
 * The one logger: JSON lines on stdout (pino), for a log collector. A line never carries a password, a token
 * or an e-mail address: requests are logged by route id (`/calendrier/[token].ics`), never by path or query;
 * bodies are never logged; fields named like secrets are redacted; and, should an error message carry one, every
 * line is scrubbed of anything shaped like an e-mail address or a long token before it is written.
 */
const EMAIL = /[^\s@"'<>(),;:\\]+@[^\s@"'<>(),;:\\]+\.[A-Za-z]{2,}/g;
const TOKEN = /(?<![\w-])[A-Za-z0-9_-]{32,}(?![\w-])/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function scrub(line: string): string {
  return line.replace(EMAIL, '[email]').replace(TOKEN, (match) => (UUID.test(match) ? match : '[token]'));
}

const REDACTED = ['password', 'token', 'secret', 'email', 'authorization', 'cookie'].flatMap((name) => [name, `*.${name}`, `*.*.${name}`]);

export function createLogger(destination?: DestinationStream) {
  return pino(
    {
      base: { service: 'maillage' },
      level: process.env.MAILLAGE_LOG_LEVEL || 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED, censor: '[redacted]' },
      hooks: { streamWrite: scrub },
    },
    destination,
  );
}

export type Logger = ReturnType<typeof createLogger>;

export const log: Logger = createLogger();

/** The request id a proxy gave, when it looks like one; else a new one. */
export function requestId(header: string | null): string {
  return header && /^[\w.:-]{1,64}$/.test(header) ? header : randomUUID();
}

export interface RequestLine {
  method: string;
  /** SvelteKit's route id, e.g. `/lieux/[slug]`; null for an unknown page. */
  route: string | null;
  status: number;
  durationMs: number;
  requestId: string;
}

/** One line per request. 4xx are answers (info), 5xx are failures (error). */
export function logRequest(logger: Logger, line: RequestLine): void {
  const fields = { ...line, route: line.route ?? 'unmatched', durationMs: Math.round(line.durationMs * 10) / 10 };
  if (line.status >= 500) logger.error(fields, 'request');
  else logger.info(fields, 'request');
}
