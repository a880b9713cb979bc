import { describe, expect, it } from 'vitest';
import { suppressSmallCells } from '../../../src/indicators/suppress-small-cells.js';

describe('small-cell suppression for the public page', () => {
  it('hides counts below 5 and leaves the rest', () => {
    const result = suppressSmallCells(
      [
        [12, 7],
        [9, 30],
      ],
      { rows: false, columns: false },
    );
    expect(result.cells).toEqual([
      [12, 7],
      [9, 30],
    ]);
    const small = suppressSmallCells(
      [
        [4, 5],
        [0, 6],
      ],
      { rows: false, columns: false },
    );
    expect(small.cells).toEqual([
      [null, 5],
      [null, 6],
    ]);
  });

  it('hides a second cell where a shown row total would give the first away', () => {
    // Row 0: 3 is hidden; its total 3 + 8 + 20 = 31 is shown, so 8 (the next smallest) is hidden too.
    const result = suppressSmallCells(
      [
        [3, 8, 20],
        [10, 11, 12],
      ],
      { rows: true, columns: false },
    );
    expect(result.cells).toEqual([
      [null, null, 20],
      [10, 11, 12],
    ]);
    expect(result.rowTotals).toEqual([31, 33]);
    expect(result.total).toBe(64);
  });

  it('follows the consequences through columns until no hidden cell can be worked out', () => {
    // 2 is hidden → row 0 hides 6; column 0 has 2 alone hidden → hides 9; column 1 has 6 alone → hides 7;
    // then every row and column holds two hidden cells or none.
    const result = suppressSmallCells(
      [
        [2, 6, 40],
        [9, 7, 50],
      ],
      { rows: true, columns: true },
    );
    expect(result.cells).toEqual([
      [null, null, 40],
      [null, null, 50],
    ]);
    expect(result.columnTotals).toEqual([11, 13, 90]);
  });

  it('hides totals that would give away a hidden cell, and a grand total under 5', () => {
    const single = suppressSmallCells([[3], [12]], { rows: true, columns: false });
    expect(single.cells).toEqual([[null], [12]]);
    // Row 0's total (3) is hidden; with the grand total 15 shown, one hidden row total could be worked
    // out, so the next smallest row total is hidden too.
    expect(single.rowTotals).toEqual([null, null]);
    expect(single.total).toBe(15);
    expect(suppressSmallCells([[1, 1]], { rows: true, columns: true }).total).toBeNull();
  });
});
