import type { FastifyInstance, FastifyRequest } from 'fastify';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/**
 * Parses JSON in this plugin's scope while keeping the bytes as received: providers sign the body itself
 * (Android SMS gateway, WhatsApp Cloud API), and re-serialising parsed JSON would not give the same bytes.
 */
export function captureRawJsonBody(app: FastifyInstance): void {
  // The JSON parser inherited from the root is replaced in this scope only.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    rawBodies.set(request, bytes);
    try {
      done(null, bytes.length ? JSON.parse(bytes.toString('utf8')) : {});
    } catch {
      // Not JSON: the signature check decides (a forged request gets 403, a signed one 400 after it).
      done(null, undefined);
    }
  });
}

export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return rawBodies.get(request);
}
