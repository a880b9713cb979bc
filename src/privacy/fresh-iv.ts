import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 4 KiB at a time: one call into the system's generator per 341 IVs, not per IV. */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * A fresh random IV of `size` bytes (a copy, never handed out twice). Same generator as randomBytes;
 * only the calls into it are batched, which matters on the webhook's hot path.
 */
export function freshIv(size: number): Buffer {
  if (offset + size > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const iv = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return iv;
}
