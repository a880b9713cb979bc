/** Counts below this are never published: with fewer, a neighbour could tell who reported. */
export const MIN_PUBLIC_COUNT = 5;

export interface SuppressedTable {
  /** null where suppressed. */
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

/**
 * Small-cell suppression for a published table: every count below 5 is hidden, and so is every further
 * cell needed to stop a hidden one being worked out from a shown total (complementary suppression: a row
 * or column with exactly one hidden cell hides its next smallest one too, or its total when there is none).
 * `sums` says which totals are shown: row totals, column totals, both or neither.
 */
export function suppressSmallCells(
  values: readonly (readonly number[])[],
  sums: { rows: boolean; columns: boolean },
): SuppressedTable {
  const rows = values.length;
  const columns = values[0]?.length ?? 0;
  const value = (r: number, c: number) => values[r]?.[c] ?? 0;
  const hidden = values.map((row) => row.map((n) => n < MIN_PUBLIC_COUNT));
  const rowSum = values.map((row) => row.reduce((a, b) => a + b, 0));
  const columnSum = Array.from({ length: columns }, (_, c) =>
    values.reduce((a, row) => a + (row[c] ?? 0), 0),
  );
  const rowTotalHidden = rowSum.map((n) => !sums.rows || n < MIN_PUBLIC_COUNT);
  const columnTotalHidden = columnSum.map((n) => !sums.columns || n < MIN_PUBLIC_COUNT);

  /** Protects a line (row or column) whose total is shown and which hides exactly one cell. */
  const protect = (cellsOf: [number, number][], totalShown: boolean): boolean | 'hide-total' => {
    if (!totalShown) return false;
    const hiddenCells = cellsOf.filter(([r, c]) => hidden[r]?.[c]);
    if (hiddenCells.length !== 1) return false;
    const open = cellsOf.filter(([r, c]) => !hidden[r]?.[c]).sort((a, b) => value(...a) - value(...b));
    const next = open[0];
    if (!next) return 'hide-total';
    const line = hidden[next[0]];
    if (line) line[next[1]] = true;
    return true;
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r < rows; r++) {
      const result = protect(
        Array.from({ length: columns }, (_, c) => [r, c] as [number, number]),
        !rowTotalHidden[r],
      );
      if (result === 'hide-total') rowTotalHidden[r] = true;
      if (result) changed = true;
    }
    for (let c = 0; c < columns; c++) {
      const result = protect(
        Array.from({ length: rows }, (_, r) => [r, c] as [number, number]),
        !columnTotalHidden[c],
      );
      if (result === 'hide-total') columnTotalHidden[c] = true;
      if (result) changed = true;
    }
  }
  // The totals are a line of their own, summing to the grand total.
  let total: number | null = rowSum.reduce((a, b) => a + b, 0);
  if (total < MIN_PUBLIC_COUNT || !(sums.rows || sums.columns)) total = null;
  for (const [shown, sum, hiddenTotals] of [
    [sums.rows, rowSum, rowTotalHidden],
    [sums.columns, columnSum, columnTotalHidden],
  ] as const) {
    if (!shown || total === null || hiddenTotals.filter(Boolean).length !== 1) continue;
    const next = sum
      .map((n, i) => [n, i] as const)
      .filter(([, i]) => !hiddenTotals[i])
      .sort((a, b) => a[0] - b[0])[0];
    if (next) hiddenTotals[next[1]] = true;
    else total = null;
  }
  return {
    cells: values.map((row, r) => row.map((n, c) => (hidden[r]?.[c] ? null : n))),
    rowTotals: rowSum.map((n, r) => (rowTotalHidden[r] ? null : n)),
    columnTotals: columnSum.map((n, c) => (columnTotalHidden[c] ? null : n)),
    total,
  };
}
