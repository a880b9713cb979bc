import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../src/describe-error.js';

describe('describeError', () => {
  it('keeps a failed query’s parameters (a citizen’s words) out of the description', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "x"'), {
      code: '23505',
    });
    const error = new DrizzleQueryError('insert into messages values ($1)', ['ada PETI di desa kami'], cause);
    const text = describeError(error);
    expect(text).toBe('database error 23505: duplicate key value violates unique constraint "x"');
    expect(text).not.toContain('PETI');
  });

  it('passes other errors through', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError('plain')).toBe('plain');
  });
});
