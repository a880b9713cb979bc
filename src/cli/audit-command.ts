import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import type { Command } from './command.js';
import { withCliDatabase } from './with-cli-database.js';

const USAGE = `Usage:
  suara audit verify    check that the audit log is intact

Every row of the audit log carries the SHA-256 of its own content and of the row before it. verify
recomputes them all, in id order, and prints one line:
  audit log intact: N rows                  (exit code 0)
  audit log BROKEN at row ID: reason        (exit code 1)
An altered, removed or reordered row is reported. Rows removed from the end of the log leave a
shorter chain that is still consistent. The database is the one named in DATABASE_URL.`;

function runVerify(): Promise<number> {
  const tty = process.stderr.isTTY;
  const progress = tty ? (checked: number) => process.stderr.write(`\rchecked ${checked} rows`) : undefined;
  // Erase the progress line before the verdict or an error is printed.
  const clearProgress = () => tty && process.stderr.write('\r\x1b[K');
  return withCliDatabase('audit', async ({ db }) => {
    try {
      const result = await verifyAuditChain(db, progress);
      if (result.ok) {
        clearProgress();
        console.log(`audit log intact: ${result.rows} rows`);
        return 0;
      }
      clearProgress();
      console.log(`audit log BROKEN at row ${result.brokenAt}: ${result.reason}`);
      return 1;
    } catch (error) {
      clearProgress();
      throw error;
    }
  });
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
