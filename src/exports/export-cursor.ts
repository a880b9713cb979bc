/**
 * An incremental export's cursor: the Postgres snapshot (`xmin:xmax:xip,…`) the previous export read
 * under, as base64url. The next export takes exactly the reports last written by transactions that
 * snapshot could not see — a commit that was still running then is included next time, never lost,
 * and nothing already sent comes again unless it changed.
 */
const SNAPSHOT = /^\d{1,20}:\d{1,20}:(\d{1,20}(,\d{1,20})*)?$/;

export function encodeExportCursor(snapshot: string): string {
  return Buffer.from(snapshot, 'utf8').toString('base64url');
}

/** The snapshot text, or null when the cursor was not made by Suara. */
export function decodeExportCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,4000}$/.test(cursor)) return null;
  const snapshot = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!SNAPSHOT.test(snapshot)) return null;
  const [xmin, xmax] = snapshot.split(':').slice(0, 2).map(BigInt);
  if (xmin === undefined || xmax === undefined || xmin > xmax) return null;
  return snapshot;
}
