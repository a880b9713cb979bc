import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCARD_LIMIT_BYTES } from '../../src/http/discard-request-body.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const HEADERS = (bodyBytes: number) =>
  'POST /webhooks/twilio HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
  'Content-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: x\r\n' +
  `Content-Length: ${bodyBytes}\r\n\r\n`;

/**
 * Sends a too-large body in `parts`, `gapMs` apart, and returns what came back, or the socket error if the
 * server reset the connection. A server that answers and closes while body bytes are still arriving makes
 * the kernel reset the connection, and a client still writing sees the reset instead of the answer (the
 * chaos fuzz pass saw that once as a "fetch failed").
 */
function sendInParts(port: number, bodyBytes: number, parts: number, gapMs: number): Promise<string> {
  return new Promise((resolve) => {
    // Like an HTTP client busy uploading: it reads the answer only once the whole body is written.
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const chunks: Buffer[] = [];
    socket.on('connect', async () => {
      socket.pause();
      socket.write(HEADERS(bodyBytes));
      const part = Math.ceil(bodyBytes / parts);
      for (let sent = 0; sent < bodyBytes && !socket.destroyed; sent += part) {
        await new Promise((next) => setTimeout(next, gapMs));
        socket.write('z'.repeat(Math.min(part, bodyBytes - sent)));
      }
      socket.resume();
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => socket.end());
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code ?? error.message}`));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

describe('a body above the size limit', () => {
  let stack: TestStack;
  let port: number;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.app.listen({ port: 0, host: '127.0.0.1' });
    const address = stack.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('is answered with a 413 once the client has sent it all, not with a reset while it sends', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => sendInParts(port, 1_000_000 + i * 250_000, 8, 40)),
    );
    for (const answer of answers) {
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
      expect(answer).toContain('"error":"FST_ERR_CTP_BODY_TOO_LARGE"');
    }
  });

  it('answers at once, without waiting for the body, when the declared size is above what it reads', async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' }, () =>
        socket.write(HEADERS(DISCARD_LIMIT_BYTES + 1)),
      );
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
  });
});
