import type { IncomingMessage } from 'node:http';

/** Up to this much of a refused body is read and thrown away before the answer goes out. */
export const DISCARD_LIMIT_BYTES = 4 * 1024 * 1024;
const DISCARD_TIMEOUT_MS = 5_000;

/**
 * Reads and throws away what is left of a request body (a lingering close). A server that answers a
 * too-large body and closes while the client is still sending makes the kernel reset the connection, and
 * the client may then see the reset instead of the answer. Bodies declared above `limit`, and clients too
 * slow to finish within a few seconds, are not waited for: the connection is closed as before.
 */
export function discardRequestBody(raw: IncomingMessage, limit = DISCARD_LIMIT_BYTES): Promise<void> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve();
  if (Number(raw.headers['content-length']) > limit) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('error', finish);
      raw.off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer | string) => {
      seen += chunk.length;
      if (seen > limit) finish();
    };
    const timer = setTimeout(finish, DISCARD_TIMEOUT_MS);
    raw.on('data', onData);
    raw.on('end', finish);
    raw.on('error', finish);
    raw.on('close', finish);
    raw.resume();
  });
}
