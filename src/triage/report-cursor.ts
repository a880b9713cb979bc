/** Keyset position in the inbox: the exact `created_at` as Postgres prints it (microseconds) and the id. */
export interface ReportCursor {
  createdAt: string;
  id: string;
}

export function encodeReportCursor(cursor: ReportCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeReportCursor(text: string): ReportCursor | null {
  const [createdAt, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(Date.parse(createdAt))) return null;
  return { createdAt, id };
}
