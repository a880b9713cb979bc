import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { hashSecretToken } from '../auth/secret-token.js';

/**
 * Whether a caller may see what is for the machine itself (readiness details, metrics): one presenting
 * the configured token as `Authorization: Bearer …`, or one connected from loopback without a proxy.
 */
export function maySeeInternals(request: FastifyRequest, token: string | undefined): boolean {
  const header = request.headers.authorization;
  if (token && header?.startsWith('Bearer ')) return sameSecret(header.slice('Bearer '.length).trim(), token);
  // The socket's address, not request.ip: a reverse proxy on the same machine makes every caller look
  // local, and X-Forwarded-For is whatever the caller wrote. A forwarded request is never "local".
  if (request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined)
    return false;
  return isLoopback(request.socket.remoteAddress ?? '');
}

function isLoopback(address: string): boolean {
  return address === '::1' || /^(?:::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** Compares hashes of equal length, so the comparison takes the same time whatever was sent. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(
    Buffer.from(hashSecretToken(given), 'hex'),
    Buffer.from(hashSecretToken(expected), 'hex'),
  );
}
