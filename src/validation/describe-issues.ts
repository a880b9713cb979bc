import type { z } from 'zod';

/** "MessageSid is missing; from must be a phone number…": one line naming each offending field. */
export function describeIssues(error: z.ZodError, separator = ' '): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || 'body'}${separator}${issue.message}`)
    .join('; ');
}
