import type { FastifyInstance } from 'fastify';

/**
 * Strict headers for the workspace: scripts and styles only from this server (no inline script, no
 * CDN), no framing, no referrer leaking report URLs. The simulator page keeps its own inline script
 * and is outside /triage.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (request.url.startsWith('/triage') || request.url.startsWith('/api')) {
      reply.header('content-security-policy', CSP);
      if (!request.url.startsWith('/triage/assets/')) reply.header('cache-control', 'no-store');
    }
  });
}
