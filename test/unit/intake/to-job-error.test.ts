import { UnrecoverableError } from 'bullmq';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { toJobError } from '../../../src/pipeline/to-job-error.js';

const BODY = 'ada PETI di desa kami, hubungi 081234567890';

function pgError(message: string, fields: Record<string, string>): Error {
  return Object.assign(new Error(message), { severity: 'ERROR', ...fields });
}

describe('toJobError', () => {
  it('keeps a failed query’s parameters and the driver’s text out of message and stack', () => {
    const cause = pgError(`invalid input syntax for type uuid: "${BODY}"`, { code: '22P02' });
    const failed = new DrizzleQueryError('insert into messages (body) values ($1)', [BODY], cause);
    expect(failed.message).toContain('PETI');

    const safe = toJobError(failed);
    expect(safe.message).toBe('database error 22P02');
    expect(safe.stack).toMatch(/^Error: database error 22P02\n\s+at /);
    for (const text of [safe.message, safe.stack ?? '']) {
      expect(text).not.toContain('PETI');
      expect(text).not.toContain('081234567890');
      expect(text).not.toContain('params');
    }
  });

  it('names the table and constraint a database error reports (identifiers, not data)', () => {
    const cause = pgError('duplicate key value violates unique constraint "x"', {
      code: '23505',
      table: 'messages',
      constraint: 'messages_provider_message_id_key',
    });
    const safe = toJobError(new DrizzleQueryError('insert …', ['secret'], cause));
    expect(safe.message).toBe('database error 23505 (messages, messages_provider_message_id_key)');
  });

  it('treats a bare pg error like a wrapped one', () => {
    const safe = toJobError(pgError(`value "${BODY}" is out of range`, { code: '22003' }));
    expect(safe.message).toBe('database error 22003');
  });

  it('keeps UnrecoverableError, so BullMQ still does not retry', () => {
    const safe = toJobError(new UnrecoverableError('permanent send failure 21211'));
    expect(safe).toBeInstanceOf(UnrecoverableError);
    expect(safe.name).toBe('UnrecoverableError');
    expect(safe.message).toBe('permanent send failure 21211');
  });

  it('scrubs numbers from other errors and keeps only their first line', () => {
    const safe = toJobError(new Error(`The 'To' number +6281234567890 is not valid\n${BODY}`));
    expect(safe.message).toBe("The 'To' number [number] is not valid");
    expect(safe.stack ?? '').not.toContain('PETI');
    expect(safe.stack ?? '').not.toContain('6281234567890');
  });

  it('describes what is not an Error at all without repeating it', () => {
    expect(toJobError(BODY).message).toBe('job failed (non-Error value thrown)');
  });
});
