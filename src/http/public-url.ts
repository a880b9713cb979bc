import type { FastifyRequest } from 'fastify';

/**
 * The URL the provider called, as it signed it. PUBLIC_URL wins; otherwise the request's own scheme and
 * host, which Fastify takes from X-Forwarded-* headers only when TRUST_PROXY is set.
 */
export function publicUrlOf(request: FastifyRequest, publicUrl: string | undefined): string {
  const base = publicUrl ? publicUrl.replace(/\/+$/, '') : `${request.protocol}://${request.host}`;
  return `${base}${request.url}`;
}
