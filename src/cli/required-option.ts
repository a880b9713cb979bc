import { UsageError } from './usage-error.js';

/** The value of an option the subcommand cannot do without, or a `UsageError` naming it. */
export function requiredOption(value: string | undefined, option: string): string {
  if (value === undefined) throw new UsageError(`--${option} is required`);
  return value;
}
