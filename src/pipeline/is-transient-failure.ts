/** Node's socket errors: the server is unreachable or went away. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs that say Postgres (not the message) is the problem: connection exceptions (class 08),
 * insufficient resources (53), operator intervention such as a shutdown (57P01–57P03), and conflicts a
 * retry resolves (serialization failure, deadlock, lock not available).
 */
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-3]$|40001$|40P01$|55P03$)/;

/** pg's and ioredis's own texts for a connection lost or never made; they quote no data. */
const TRANSIENT_TEXT =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Connection is closed|Stream isn't writeable|MaxRetriesPerRequest/i;

/**
 * Whether a failed inbound job failed because Postgres or Redis was unavailable — worth retrying later
 * however long it takes — rather than because of the message itself, which would fail again and is
 * set aside as a dead letter. Looks through `cause` (drizzle wraps the driver's error in one).
 */
export function isTransientFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = 'code' in current ? current.code : undefined;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || TRANSIENT_SQLSTATE.test(code))) return true;
    if (
      TRANSIENT_TEXT.test(current.message) ||
      ['MaxRetriesPerRequestError', 'TimeoutError'].includes(current.name)
    ) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
