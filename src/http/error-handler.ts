import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { describeError } from '../describe-error.js';
import { renderErrorPage } from '../ui/pages/error-page.js';
import { AppError } from './app-error.js';
import { discardRequestBody } from './discard-request-body.js';

/** One place that turns errors into responses: 4xx say what was wrong, 5xx reveal nothing. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
  if (status >= 500) {
    // The stack tells where; the message is cleaned of query parameters, which may hold personal data.
    request.log.error(
      { err: { type: error.name, message: describeError(error), stack: error.stack } },
      'request failed',
    );
    send(request, reply, status, 'internal_error', 'Something went wrong on our side.');
    return;
  }
  if (error instanceof AppError) {
    for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    send(request, reply, status, error.code, error.message);
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const message = error.validation
      .map((issue) => {
        const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        return field ? `${field}: ${issue.message}` : issue.message;
      })
      .join('; ');
    send(request, reply, 400, 'bad_request', message);
    return;
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    // The answer waits until the client has sent the rest, so that it is not lost to a reset.
    void discardRequestBody(request.raw).then(() =>
      send(request, reply, status, error.code, 'Request body is too large.'),
    );
    return;
  }
  const message =
    error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
      ? 'Unsupported content type: send application/x-www-form-urlencoded.'
      : error.message;
  send(request, reply, status, error.code ?? 'bad_request', message);
}

/** A person's browser (a page, or a form posted without the page's script) gets HTML; everything else JSON. */
function send(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string) {
  const wantsHtml = request.routeOptions.config?.ui || isPlainFormPost(request);
  if (wantsHtml) {
    void reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(renderErrorPage(status, message, request.staff?.language ?? 'id'));
    return;
  }
  void reply.status(status).send({ error: code, message });
}

export function isPlainFormPost(request: FastifyRequest): boolean {
  return (
    request.method === 'POST' &&
    String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') &&
    String(request.headers.accept ?? '').includes('text/html')
  );
}
