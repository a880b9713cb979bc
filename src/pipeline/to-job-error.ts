import { UnrecoverableError } from 'bullmq';
import { describeError } from '../describe-error.js';
import { scrubNumbers } from '../privacy/scrub-numbers.js';

/** BullMQ's own control-flow errors: they carry no data and must reach it unchanged. */
const BULLMQ_SIGNALS = new Set(['DelayedError', 'WaitingError', 'WaitingChildrenError', 'RateLimitError']);

/**
 * The error a job processor hands to BullMQ, which keeps its message (failedReason) and stack in Redis
 * and its AOF file for days. A database error's message quotes the failed query and its parameters — a
 * citizen's words — and a driver's text may quote a value, so only Postgres's error code and the table
 * and constraint names are kept; other messages keep their first line with numbers scrubbed. The stack
 * keeps the original frames (code locations only). An UnrecoverableError stays one, so it is not retried.
 */
export function toJobError(error: unknown): Error {
  if (error instanceof Error && BULLMQ_SIGNALS.has(error.name)) return error;
  const message = safeMessage(error);
  const safe = error instanceof UnrecoverableError ? new UnrecoverableError(message) : new Error(message);
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter(isFrame) : [];
  safe.stack = [`${safe.name}: ${message}`, ...frames].join('\n');
  return safe;
}

function safeMessage(error: unknown): string {
  if (!(error instanceof Error)) return 'job failed (non-Error value thrown)';
  const database = postgresErrorOf(error) ?? postgresErrorOf(error.cause);
  if (database) {
    const names = [database.table, database.constraint].filter(Boolean).join(', ');
    return `database error ${database.code}${names ? ` (${names})` : ''}`;
  }
  const firstLine = describeError(error).split('\n')[0] ?? '';
  return scrubNumbers(firstLine).slice(0, 200) || error.name;
}

interface PostgresError {
  code: string;
  table?: string;
  constraint?: string;
}

/** An error Postgres itself reported (pg's DatabaseError): it has a severity and a five-character SQLSTATE. */
function postgresErrorOf(error: unknown): PostgresError | null {
  if (!(error instanceof Error) || !('severity' in error) || !('code' in error)) return null;
  const { code } = error;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
  // Identifiers from our schema, never data; anything else is left out.
  const identifier = (value: unknown) =>
    typeof value === 'string' && /^[\w$]+$/.test(value) ? value : undefined;
  const table = identifier('table' in error ? error.table : undefined);
  const constraint = identifier('constraint' in error ? error.constraint : undefined);
  return { code, table, constraint };
}

function isFrame(line: string): boolean {
  return /^\s+at /.test(line);
}
