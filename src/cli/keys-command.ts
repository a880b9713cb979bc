import { loadConfig } from '../config.js';
import { countSealedByKey } from '../privacy/count-sealed-by-key.js';
import { keyFingerprint } from '../privacy/pii-keyring.js';
import { rotatePiiKeys } from '../privacy/rotate-pii-keys.js';
import type { Command } from './command.js';
import { formatTable } from './format-table.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';
import { runWithUsage } from './run-with-usage.js';
import { UsageError } from './usage-error.js';
import { withCliServices } from './with-cli-services.js';

const USAGE = `Usage:
  suara keys status
      The configured PII keys (id and a fingerprint, never the key), which one is current, and how many
      sealed values each key holds in the database.
  suara keys rotate [--batch-size <n>]
      Seals every value still on an older key with the current key (the first of PII_KEYS): contact
      numbers, TOTP secrets, partner pseudonym keys, dead letters, and the inbound jobs waiting or kept in
      Redis; cached conversation sessions on an older key are dropped (they are re-read from Postgres).
      Works in batches (default 500) beside the running service; Ctrl-C stops after the current batch
      and running it again continues. Shows progress on a terminal, ends with the counts, and is recorded
      in the audit log as "cli". Once no value is left on an old key (see status), remove that key.
  suara keys lookup-key
      Prints the key of the lookup hashes (64 hex characters) by which contacts are found. It does not
      rotate: set it as PII_LOOKUP_KEY before removing PII_KEY (key "0"), or numbers already stored
      would no longer be recognised.

Rotating: put a new key first in PII_KEYS (e.g. PII_KEYS=2:<new>,1:<old>, or keep PII_KEY as key "0"
and set PII_KEYS=1:<new>), restart the services so new data is sealed with it, run \`suara keys rotate\`,
then remove the old key.`;

async function runStatus(args: string[]): Promise<number> {
  parseSubcommandArgs(args, {});
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(loaded.error);
    return 1;
  }
  const ring = loaded.config.piiKeys;
  const rows = [...ring.keys].map(([id, key]) => [
    id,
    keyFingerprint(key),
    id === ring.currentId ? 'current' : 'previous',
  ]);
  console.log(formatTable(['KEY', 'FINGERPRINT', 'ROLE'], rows));
  console.log(`lookup hashes: key fingerprint ${keyFingerprint(ring.lookupKey)}`);
  return withCliServices('keys', async (services) => {
    const counts = await countSealedByKey(services.database.db);
    console.log('');
    if (counts.length === 0) {
      console.log('No sealed values in the database.');
      return 0;
    }
    const lines = counts.map((count) => [
      count.source,
      count.keyId,
      ring.keys.has(count.keyId) ? '' : 'not configured',
      String(count.values),
    ]);
    console.log(formatTable(['VALUES IN', 'KEY', '', 'COUNT'], lines));
    return 0;
  });
}

async function runRotate(args: string[]): Promise<number> {
  const values = parseSubcommandArgs(args, { 'batch-size': { type: 'string' } });
  const batchSize = values['batch-size'] === undefined ? 500 : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
    throw new UsageError('--batch-size must be a whole number from 1 to 10000');
  return withCliServices('keys', async (services) => {
    const tty = process.stderr.isTTY;
    const controller = new AbortController();
    const stop = () => {
      if (!controller.signal.aborted) console.error('\nstopping after this batch…');
      controller.abort();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    try {
      const result = await rotatePiiKeys(
        {
          db: services.database.db,
          redis: services.redis,
          cipher: services.cipher,
          prefix: services.config.QUEUE_PREFIX,
          partitions: services.config.INBOUND_PARTITIONS,
        },
        {
          batchSize,
          signal: controller.signal,
          onProgress: tty
            ? (p) => process.stderr.write(`\r\x1b[K${p.source}: ${p.done}/${p.total}`)
            : undefined,
        },
      );
      if (tty) process.stderr.write('\r\x1b[K');
      const total = Object.values(result.resealed).reduce((sum, n) => sum + n, 0);
      for (const [source, count] of Object.entries(result.resealed))
        console.log(`${source}: ${count} re-sealed`);
      for (const [source, count] of Object.entries(result.unreadable))
        console.error(`${source}: ${count} could not be opened with the configured keys`);
      if (result.sessionsDropped) console.log(`cached sessions dropped: ${result.sessionsDropped}`);
      console.log(
        `${total} values re-sealed with key "${services.cipher.currentKeyId}"${result.interrupted ? ' (interrupted: run it again to continue)' : ''}`,
      );
      if (result.interrupted) return 130;
      return Object.keys(result.unreadable).length > 0 ? 1 : 0;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  });
}

async function runLookupKey(args: string[]): Promise<number> {
  parseSubcommandArgs(args, {});
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(loaded.error);
    return 1;
  }
  console.log(loaded.config.piiKeys.lookupKey.toString('hex'));
  return 0;
}

async function run(args: string[]): Promise<number> {
  const [first, ...rest] = args;
  if (first === 'status') return runStatus(rest);
  if (first === 'rotate') return runRotate(rest);
  if (first === 'lookup-key') return runLookupKey(rest);
  throw new UsageError(`unknown subcommand "${first}"`);
}

export const keysCommand: Command = {
  name: 'keys',
  summary: 'Show the PII keys, rotate personal data onto the current key.',
  usage: USAGE,
  run: (args) => runWithUsage('keys', USAGE, args, run),
};
