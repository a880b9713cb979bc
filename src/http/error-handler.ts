import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { describeError } from '../describe-error.js';

/** One place that turns errors into responses: 4xx say what was wrong, 5xx reveal nothing. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
  if (status >= 500) {
    // The stack tells where; the message is cleaned of query parameters, which may hold personal data.
    request.log.error(
      { err: { type: error.name, message: describeError(error), stack: error.stack } },
      'request failed',
    );
    void reply.status(status).send({ error: 'internal_error', message: 'Something went wrong on our side.' });
    return;
  }
  const message =
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? 'Request body is too large.'
      : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'Unsupported content type: send application/x-www-form-urlencoded.'
        : error.message;
  void reply.status(status).send({ error: error.code ?? 'bad_request', message });
}
