/**
 * The `p` quantile (0..1) of values given as counts per value, interpolating between neighbouring values
 * as Postgres `percentile_cont` does; null when there are none.
 */
export function percentileOfBuckets(counts: ReadonlyMap<number, number>, p: number): number | null {
  const values = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = values.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const rank = p * (total - 1);
  const valueAt = (position: number): number => {
    let seen = 0;
    for (const [value, n] of values) {
      seen += n;
      if (position < seen) return value;
    }
    return values[values.length - 1]?.[0] ?? 0;
  };
  const lower = valueAt(Math.floor(rank));
  const upper = valueAt(Math.ceil(rank));
  return lower + (upper - lower) * (rank - Math.floor(rank));
}
