import { UsageError } from './usage-error.js';

const HELP = new Set(['--help', '-h', 'help']);

/**
 * The frame every subcommand shares: help on `--help` (and, unless the command has a default action, on
 * no arguments, exiting 2), and a mistake in how it was called as one line plus a pointer to the help.
 */
export async function runWithUsage(
  name: string,
  usage: string,
  args: string[],
  run: (args: string[]) => Promise<number>,
  options: { runsWithoutArguments?: boolean } = {},
): Promise<number> {
  const [first] = args;
  if ((first === undefined && !options.runsWithoutArguments) || (first !== undefined && HELP.has(first))) {
    console.log(usage);
    return first === undefined ? 2 : 0;
  }
  try {
    return await run(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`suara ${name}: ${error.message}`);
    console.error(`run \`suara ${name} --help\` for usage`);
    return 2;
  }
}
