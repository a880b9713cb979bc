import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` parseArgs in strict mode, with its errors turned into a `UsageError` of one short line
 * (Node's own messages add advice about `--` that does not apply to these commands).
 */
export function parseSubcommandArgs<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (!code.startsWith('ERR_PARSE_ARGS') || !(error instanceof Error)) throw error;
    throw new UsageError(error.message.split('. ')[0] ?? error.message);
  }
}
