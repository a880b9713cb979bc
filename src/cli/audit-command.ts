import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import { loadConfig } from '../config.js';
import { createDatabase } from '../db/database.js';
import { describeConnectionError, safeLocation } from '../db/describe-connection-error.js';
import { describeError } from '../describe-error.js';
import type { Command } from './command.js';

const USAGE = `Usage:
  suara audit verify    check that the audit log is intact

Every row of the audit log carries the SHA-256 of its own content and of the row before it. verify
recomputes them all, in id order, and prints one line:
  audit log intact: N rows                  (exit code 0)
  audit log BROKEN at row ID: reason        (exit code 1)
An altered, removed or reordered row is reported. Rows removed from the end of the log leave a
shorter chain that is still consistent. The database is the one named in DATABASE_URL.`;

// Driver and server codes meaning "could not get a session", as opposed to a failing query.
const CONNECTION_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', '28P01', '28000'];

async function runVerify(): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(loaded.error);
    return 1;
  }
  const url = loaded.config.DATABASE_URL;
  const database = createDatabase(url, { max: 1 });
  const tty = process.stderr.isTTY;
  const progress = tty ? (checked: number) => process.stderr.write(`\rchecked ${checked} rows`) : undefined;
  // Erase the progress line before the verdict or the error is printed.
  const clearProgress = () => tty && process.stderr.write('\r\x1b[K');
  try {
    const result = await verifyAuditChain(database.db, progress);
    clearProgress();
    if (result.ok) {
      console.log(`audit log intact: ${result.rows} rows`);
      return 0;
    }
    console.log(`audit log BROKEN at row ${result.brokenAt}: ${result.reason}`);
    return 1;
  } catch (error) {
    clearProgress();
    console.error(describeFailure(url, error));
    return 1;
  } finally {
    await database.close();
  }
}

function describeFailure(url: string, error: unknown): string {
  // drizzle wraps driver errors; the code is on the cause.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause && 'code' in cause ? String(cause.code) : '';
  if (CONNECTION_CODES.includes(code)) return describeConnectionError('Postgres', url, cause);
  if (code === '3D000') {
    return `suara audit: there is no database at ${safeLocation(url)}; check DATABASE_URL or run \`suara migrate\`.`;
  }
  if (code === '42P01') return 'suara audit: the audit_log table does not exist; run `suara migrate`.';
  return `suara audit: ${describeError(error)}`;
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Verify the hash chain of the audit log.',
  usage: USAGE,
  async run(args) {
    const [first, ...rest] = args;
    if (first === 'verify' && rest.length === 0) return runVerify();
    if (first === undefined || first === 'help') {
      console.log(USAGE);
      return first === undefined ? 2 : 0;
    }
    console.error(`suara audit: unknown arguments "${args.join(' ')}"`);
    console.error('run `suara audit --help` for usage');
    return 2;
  },
};
