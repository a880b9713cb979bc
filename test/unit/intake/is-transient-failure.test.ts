import { describe, expect, it } from 'vitest';
import { isTransientFailure } from '../../../src/pipeline/is-transient-failure.js';
import { TimeoutError } from '../../../src/pipeline/with-timeout.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isTransientFailure', () => {
  it('blames the database or Redis for connection losses, shutdowns, full disks and lock conflicts', () => {
    for (const error of [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('could not extend file', '53100'),
      withCode('deadlock detected', '40P01'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection is closed.'),
      new TimeoutError('enqueue', 2000),
      // drizzle wraps the driver's error; the cause decides.
      new Error('Failed query: insert …', { cause: withCode('server closed the connection', '08006') }),
    ]) {
      expect(isTransientFailure(error)).toBe(true);
    }
  });

  it('blames the message for everything else', () => {
    for (const error of [
      withCode('refused by a trigger', 'P0001'),
      withCode('invalid byte sequence for encoding "UTF8"', '22021'),
      withCode('value too long', '22001'),
      new Error('sealed inbound payload has an unexpected shape'),
      new Error('Failed query: insert …', { cause: withCode('null value in column', '23502') }),
      'not even an error',
    ]) {
      expect(isTransientFailure(error)).toBe(false);
    }
  });
});
