import type { FastifyInstance } from 'fastify';

/**
 * Strict headers for the workspace: scripts and styles only from this server (no inline script, no
 * CDN), no framing, no referrer leaking report URLs. The simulator page keeps its own inline script
 * and is outside /triage; the public /transparansi page shares the policy.
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
    const workspace = request.url.startsWith('/triage') || request.url.startsWith('/api');
    // The public transparency page gets the same policy but sets its own (public) caching.
    if (workspace || request.url.startsWith('/transparansi')) reply.header('content-security-policy', CSP);
    if (workspace && !request.url.startsWith('/triage/assets/')) reply.header('cache-control', 'no-store');
  });
}
