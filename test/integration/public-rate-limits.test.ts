import type { LightMyRequestResponse } from 'fastify';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/build-app.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  messageSid,
  PUBLIC_URL,
  startTestStack,
  type TestStack,
} from '../support/test-stack.js';

/**
 * Issue 12, defect 8: per-IP limits on every public route, counted in Redis. Small limits here; the
 * defaults are generous enough that no other test meets them.
 */
describe('per-IP rate limits on public routes', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        RATE_LIMIT_WEBHOOKS_PER_MINUTE: '3',
        RATE_LIMIT_SIMULATOR_PER_MINUTE: '2',
        RATE_LIMIT_SIGN_IN_PER_MINUTE: '2',
        RATE_LIMIT_PUBLIC_PER_MINUTE: '2',
        SIMULATOR_ENABLED: 'true',
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const webhook = (ip: string, app = stack.app) => {
    const params = {
      AccountSid: ACCOUNT_SID,
      MessageSid: messageSid(),
      From: '+6281355500400',
      To: '+15005550006',
      Body: 'halo',
    };
    const path = '/webhooks/twilio';
    return app.inject({
      method: 'POST',
      url: path,
      remoteAddress: ip,
      headers: {
        'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${path}`, params),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams(params).toString(),
    });
  };
  const expectLimited = (response: LightMyRequestResponse, max: number) => {
    expect(response.statusCode).toBe(429);
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(response.json()).toEqual({
      error: 'rate_limited',
      message: expect.stringMatching(
        new RegExp(`^Too many requests from your address: at most ${max} a minute`),
      ),
    });
  };

  it('limits webhooks per IP address, in Redis, shared by every API process', async () => {
    for (let i = 0; i < 3; i++) expect((await webhook('203.0.113.1')).statusCode).toBe(200);
    expectLimited(await webhook('203.0.113.1'), 3);
    // Another address has its own count.
    expect((await webhook('203.0.113.2')).statusCode).toBe(200);
    // A second API process on the same Redis sees the same count.
    const other = await buildApp({ ...stack.services, workspace: stack.workspace });
    try {
      expectLimited(await webhook('203.0.113.1', other), 3);
    } finally {
      await other.close();
    }
    const keys = await stack.services.redis.keys(`${stack.config.QUEUE_PREFIX}:rate-limit:*`);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('limits the simulator, sign-in and the public pages, each group on its own count', async () => {
    const ip = '203.0.113.9';
    const get = (url: string) => stack.app.inject({ method: 'GET', url, remoteAddress: ip });
    const simulator = '/simulator/messages?from=%2B6281355500401&channel=sms';
    for (let i = 0; i < 2; i++) expect((await get(simulator)).statusCode).toBe(200);
    expectLimited(await get(simulator), 2);

    const signIn = () =>
      stack.app.inject({
        method: 'POST',
        url: '/triage/login',
        remoteAddress: ip,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=nobody%40example.org&password=wrong',
      });
    for (let i = 0; i < 2; i++) expect((await signIn()).statusCode).not.toBe(429);
    expectLimited(await signIn(), 2);

    // 404 until figures are published, which is not what this is about.
    for (let i = 0; i < 2; i++) expect((await get('/transparansi')).statusCode).not.toBe(429);
    expectLimited(await get('/transparansi'), 2);
    // Staff routes are not limited per IP: they need a session or a token.
    expect((await get('/api/v1/reports')).statusCode).toBe(401);
  });
});
