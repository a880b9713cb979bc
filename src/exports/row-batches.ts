import { finished, type Readable } from 'node:stream';

/**
 * The rows of an object-mode stream (a database cursor) in the batches it has buffered, at most `most`
 * at a time, so that a million rows cost a few thousand promise turns rather than one each. Stops the
 * stream when the consumer stops early.
 */
export async function* rowBatches<T>(rows: Readable, most: number): AsyncGenerator<T[]> {
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let ended = false;
  const onReadable = () => wake?.();
  rows.on('readable', onReadable);
  const stopWatching = finished(rows, (error) => {
    if (error) failure = error;
    else ended = true;
    wake?.();
  });
  try {
    for (;;) {
      const batch: T[] = [];
      while (batch.length < most) {
        const row = rows.read();
        if (row === null) break;
        batch.push(row);
      }
      if (batch.length) yield batch;
      else if (failure) throw failure;
      else if (ended) return;
      else
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      wake = null;
    }
  } finally {
    rows.off('readable', onReadable);
    stopWatching();
    if (!ended) rows.destroy();
  }
}
