import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const TOKEN = 'readiness-token-0123456789';

/**
 * Issue 12, defect 9: /readyz showed every caller internal hosts and ports (a failing check's message is
 * "connect ECONNREFUSED 127.0.0.1:1"). Details go to direct loopback callers and token holders only.
 */
describe('/readyz details', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // Postgres unreachable for the app, so its check fails with a message naming host and port.
    stack = await startTestStack({
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/suara', READINESS_TOKEN: TOKEN },
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const readyz = (remoteAddress: string, headers: Record<string, string> = {}) =>
    stack.app.inject({ method: 'GET', url: '/readyz', remoteAddress, headers });

  it('shows only the status to a remote caller', async () => {
    const response = await readyz('203.0.113.7');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable' });
    expect(response.body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|postgres|redis/);
  });

  it('shows the checks to a direct caller on the same machine', async () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const response = await readyz(address);
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'unavailable', redis: 'ok' });
      expect(response.json().postgres).toMatch(/ECONNREFUSED 127\.0\.0\.1:1/);
    }
  });

  it('treats a request forwarded by a local proxy as remote', async () => {
    const response = await readyz('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' });
    expect(response.json()).toEqual({ status: 'unavailable' });
  });

  it('shows the checks to a caller with the configured token, and not for a wrong one', async () => {
    const withToken = await readyz('203.0.113.7', { authorization: `Bearer ${TOKEN}` });
    expect(withToken.json()).toMatchObject({ status: 'unavailable', redis: 'ok' });
    const wrong = await readyz('203.0.113.7', { authorization: 'Bearer not-the-token-at-all' });
    expect(wrong.json()).toEqual({ status: 'unavailable' });
  });
});
