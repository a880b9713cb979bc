/** A chunk is sent once it holds this many bytes. */
const CHUNK_BYTES = 64 * 1024;
/** Room for a full chunk plus the longest line that usually follows it. */
const CAPACITY = 128 * 1024;

/**
 * Lines of text gathered into buffers of about 64 KiB, each line encoded as UTF-8 straight into place.
 * (Joining thousands of short strings and encoding the result costs several times more, and sending
 * each line on its own costs a stream write per report.)
 */
export function lineChunks() {
  let buffer = Buffer.allocUnsafe(CAPACITY);
  let used = 0;
  const ready: Buffer[] = [];
  const close = () => {
    if (!used) return;
    ready.push(buffer.subarray(0, used));
    buffer = Buffer.allocUnsafe(CAPACITY);
    used = 0;
  };
  return {
    add(line: string): void {
      // A UTF-16 code unit never takes more than 3 bytes of UTF-8.
      if (used + line.length * 3 > CAPACITY) close();
      if (line.length * 3 > CAPACITY) ready.push(Buffer.from(line));
      else used += buffer.write(line, used);
      if (used >= CHUNK_BYTES) close();
    },
    /** The chunks completed so far, handed over once. */
    take(): Buffer[] {
      return ready.splice(0);
    },
    /** Everything left, the last chunk possibly short. */
    finish(): Buffer[] {
      close();
      return ready.splice(0);
    },
  };
}
