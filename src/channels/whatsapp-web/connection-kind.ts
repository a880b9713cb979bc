export const CONNECTION_KINDS = [
  'connected',
  'reconnecting',
  'logged_out',
  'refused',
  'replaced',
  'waiting',
  'none',
  'other',
] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** The connection holder's published status (see whatsapp-web-connection.ts) as one word for pages. */
export function connectionKindOf(status: string | null): ConnectionKind {
  if (status === null) return 'none';
  if (status.startsWith('ok')) return 'connected';
  if (status.startsWith('reconnecting')) return 'reconnecting';
  if (status.startsWith('logged out')) return 'logged_out';
  if (status.startsWith('not linked')) return 'refused';
  if (status.startsWith('replaced')) return 'replaced';
  if (status.startsWith('linked as')) return 'waiting';
  return 'other';
}
