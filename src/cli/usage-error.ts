/** A mistake in how a command was called: the command prints it with a pointer to `--help` and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
