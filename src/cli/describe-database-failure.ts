import { describeConnectionError, safeLocation } from '../db/describe-connection-error.js';
import { describeError } from '../describe-error.js';

// Driver and server codes meaning "could not get a session", as opposed to a failing query.
const CONNECTION_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', '28P01', '28000'];

/** One line for a database failure in a CLI command: where, why, and what to run. */
export function describeDatabaseFailure(command: string, url: string, error: unknown): string {
  // drizzle wraps driver errors; the code is on the cause.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause && 'code' in cause ? String(cause.code) : '';
  if (CONNECTION_CODES.includes(code)) return describeConnectionError('Postgres', url, cause);
  if (code === '3D000') {
    return `suara ${command}: there is no database at ${safeLocation(url)}; check DATABASE_URL or run \`suara migrate\`.`;
  }
  if (code === '42P01') {
    const reason = cause instanceof Error ? ` (${cause.message})` : '';
    return `suara ${command}: the database at ${safeLocation(url)} has not been set up${reason}; run \`suara migrate\` first.`;
  }
  return `suara ${command}: ${describeError(error)}`;
}
