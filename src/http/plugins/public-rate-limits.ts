import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from '../app-error.js';

/** Requests per minute from one IP address, per group of public routes; 0 turns a group's limit off. */
export interface PublicRateLimits {
  webhooks: number;
  simulator: number;
  signIn: number;
  public: number;
}

type Group = keyof PublicRateLimits;

/**
 * The routes anyone can reach without signing in, by route pattern. Staff routes need a session or a
 * token and are not limited here; partner exports have their own limit per key.
 */
function groupOf(request: FastifyRequest): Group | null {
  const url = request.routeOptions.url;
  if (url === undefined) return null;
  if (url.startsWith('/webhooks/')) return 'webhooks';
  if (url === '/simulator' || url.startsWith('/simulator/')) return 'simulator';
  if (url.startsWith('/triage/login') || url === '/triage/set-password') return 'signIn';
  if (
    url === '/transparansi' ||
    url.startsWith('/transparansi/') ||
    url === '/api/v1/transparency' ||
    url.startsWith('/open311/') ||
    url.startsWith('/triage/assets/') ||
    url === '/healthz' ||
    url === '/readyz'
  ) {
    return 'public';
  }
  return null;
}

/**
 * Per-IP limits on the public routes, counted in Redis so that every API process shares them. A limit
 * hit answers 429 with Retry-After and `{ error: 'rate_limited', message }`. When Redis is unreachable
 * requests pass: a webhook then fails on the queue anyway, and a page should not go down with Redis.
 * Register before the routes: the limit attaches to routes as they are added.
 */
export async function registerPublicRateLimits(
  app: FastifyInstance,
  options: { redis: Redis; prefix: string; limits: PublicRateLimits },
): Promise<void> {
  const { limits } = options;
  await app.register(rateLimit, {
    global: true,
    redis: options.redis,
    nameSpace: `${options.prefix}:rate-limit:`,
    skipOnError: true,
    timeWindow: 60_000,
    keyGenerator: (request) => `${groupOf(request) ?? 'none'}:${request.ip}`,
    allowList: (request) => {
      const group = groupOf(request);
      return group === null || limits[group] === 0;
    },
    max: (request) => {
      const group = groupOf(request);
      return group === null ? 0 : limits[group];
    },
    errorResponseBuilder: (_request, context) =>
      new AppError(
        429,
        'rate_limited',
        `Too many requests from your address: at most ${context.max} a minute. Try again in ${context.after}.`,
        { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
      ),
  });
}
