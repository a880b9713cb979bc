import { createHash } from 'node:crypto';

export type LimitedRead =
  | { ok: true; bytes: Buffer; sha256: string }
  /** Stopped at the limit: `readBytes` is how far it got (just past the limit). */
  | { ok: false; readBytes: number };

/**
 * Reads a download chunk by chunk, hashing as it goes, and stops as soon as it passes `maxBytes` (the
 * caller then aborts the request): memory never holds more than the limit, whatever the sender claims.
 */
export async function readLimited(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<LimitedRead> {
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) return { ok: false, readBytes: size };
    const buffer = Buffer.from(chunk);
    hash.update(buffer);
    chunks.push(buffer);
  }
  return { ok: true, bytes: Buffer.concat(chunks, size), sha256: hash.digest('hex') };
}
