/** Baileys' DisconnectReason codes Suara acts on (its enum lives in the lazily loaded module). */
export const DISCONNECT = {
  loggedOut: 401,
  timedOut: 408,
  connectionReplaced: 440,
  restartRequired: 515,
} as const;

/** Baileys closes a connection with a Boom error whose `output.statusCode` is the DisconnectReason. */
export function disconnectCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('output' in error)) return undefined;
  const output = error.output;
  if (typeof output !== 'object' || output === null || !('statusCode' in output)) return undefined;
  return typeof output.statusCode === 'number' ? output.statusCode : undefined;
}
