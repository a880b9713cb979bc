/**
 * An error as one loggable line without personal data. Database errors from drizzle carry the failed
 * query and its parameters (a citizen's words, an encrypted number) in their message: only the
 * driver's own code and message are kept.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'DrizzleQueryError' || error.message.startsWith('Failed query:')) {
    const cause = error.cause;
    if (cause instanceof Error) {
      const code = 'code' in cause && cause.code ? `${String(cause.code)}: ` : '';
      return `database error ${code}${cause.message}`;
    }
    return 'database error';
  }
  return error.message;
}
