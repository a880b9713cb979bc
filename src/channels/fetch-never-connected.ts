/**
 * Whether a failed `fetch` never reached the server (refused, unknown host, no route): only then is it
 * certain the provider did not get the request. A timeout or a dropped connection may come after the
 * provider accepted it, so such a send is uncertain and must not simply be repeated.
 */
export function fetchNeverConnected(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = typeof cause === 'object' && cause && 'code' in cause ? String(cause.code) : '';
  return ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code);
}
