import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectCounts, protectLine, protectTable, shownText, type ProtectedTable, type Shown } from './suppression.ts';

/** What someone reading the table knows of one entry: its value, 1 to 4 ("< 5"), or only that it is ≥ 0. */
const bounds = (shown: Shown, max: number): [number, number] =>
  shown.kind === 'count' ? [shown.value, shown.value] : shown.kind === 'small' ? [1, 4] : [0, max];

/**
 * Every table consistent with what is shown (a small search: the tables tested are small), and for each
 * entry the set of values it takes across them. An entry shown "< 5" or hidden must take two values at least.
 */
function possibleValues(table: ProtectedTable, max: number): Set<number>[][] {
  const r = table.cells.length;
  const c = table.columnTotals.length;
  const grid: Shown[][] = [...table.cells.map((row, i) => [...row, table.rowTotals[i]!]), [...table.columnTotals, table.total]];
  const seen = grid.map((row) => row.map(() => new Set<number>()));
  const value = grid.map((row) => row.map(() => 0));
  // Enumerate inner cells; totals follow from them and must fit what is shown of them.
  const fits = (shown: Shown, v: number) => {
    const [lo, hi] = bounds(shown, Infinity);
    return v >= lo && v <= hi;
  };
  const visit = (k: number): void => {
    if (k === r * c) {
      let total = 0;
      for (let i = 0; i < r; i++) {
        value[i]![c] = value[i]!.slice(0, c).reduce((a, b) => a + b, 0);
        if (!fits(grid[i]![c]!, value[i]![c]!)) return;
        total += value[i]![c]!;
      }
      for (let j = 0; j < c; j++) {
        value[r]![j] = value.slice(0, r).reduce((sum, row) => sum + row[j]!, 0);
        if (!fits(grid[r]![j]!, value[r]![j]!)) return;
      }
      value[r]![c] = total;
      if (!fits(grid[r]![c]!, total)) return;
      grid.forEach((row, i) => row.forEach((_, j) => seen[i]![j]!.add(value[i]![j]!)));
      return;
    }
    const i = Math.floor(k / c);
    const j = k % c;
    const rowSoFar = value[i]!.slice(0, j).reduce((a, b) => a + b, 0);
    const columnSoFar = value.slice(0, i).reduce((sum, row) => sum + row[j]!, 0);
    const [rowLo, rowHi] = bounds(grid[i]![c]!, max);
    const [columnLo, columnHi] = bounds(grid[r]![j]!, max);
    let [lo, hi] = bounds(grid[i]![j]!, max);
    hi = Math.min(hi, rowHi - rowSoFar, columnHi - columnSoFar);
    if (j === c - 1) lo = Math.max(lo, rowLo - rowSoFar);
    if (i === r - 1) lo = Math.max(lo, columnLo - columnSoFar);
    for (let v = lo; v <= hi; v++) {
      value[i]![j] = v;
      visit(k + 1);
    }
  };
  visit(0);
  return seen;
}

const smallTables = fc
  .tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 }))
  .chain(([r, c]) => fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 9 })), { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

describe('small-group suppression', () => {
  it('shows no count from 1 to 4, anywhere in a table or its totals', () => {
    fc.assert(
      fc.property(smallTables, (counts) => {
        const table = protectTable(counts);
        const all = [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total];
        for (const shown of all) if (shown.kind === 'count') expect(shown.value === 0 || shown.value >= 5).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never lets a small count be worked out from the rows, columns and totals shown (every consistent table searched)', () => {
    fc.assert(
      fc.property(smallTables, (counts) => {
        const table = protectTable(counts);
        const max = counts.flat().reduce((a, b) => a + b, 0);
        const possible = possibleValues(table, max);
        const grid = [...table.cells.map((row, i) => [...row, table.rowTotals[i]!]), [...table.columnTotals, table.total]];
        grid.forEach((row, i) =>
          row.forEach((shown, j) => {
            // A hidden count of 5 or more may be worked out: only small ones are protected.
            if (shown.kind === 'small') expect(possible[i]![j]!.size, `entry ${i},${j} of ${JSON.stringify(counts)}`).toBeGreaterThan(1);
          }),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('a cell of 3 shows "< 5" and its row total cannot give it away', () => {
    const table = protectTable([
      [3, 20],
      [15, 30],
    ]);
    expect(shownText(table.cells[0]![0]!)).toBe('< 5');
    // Its row neighbour or its row total is hidden too, and so on around a rectangle.
    expect(table.cells[0]![1]!.kind !== 'count' || table.rowTotals[0]!.kind !== 'count').toBe(true);
    expect(table.cells[1]![0]!.kind !== 'count' || table.columnTotals[0]!.kind !== 'count').toBe(true);
  });

  it('hides a second count of a line whose total is shown, so the small one cannot be subtracted out', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 2, maxLength: 8 }), (counts) => {
        const { cells, total } = protectLine(counts);
        const hidden = cells.filter((c) => c.kind !== 'count').length;
        if (total.kind === 'count') expect(hidden === 0 || hidden >= 2).toBe(true);
        cells.forEach((c, i) => c.kind === 'count' && expect(c.value).toBe(counts[i]));
      }),
    );
    expect(protectLine([3, 12, 40]).cells.map((c) => shownText(c))).toEqual(['< 5', '…', '40']);
  });

  it('shows independent counts except 1 to 4', () => {
    expect(protectCounts([0, 1, 4, 5, 12]).map((c) => shownText(c))).toEqual(['0', '< 5', '< 5', '5', '12']);
  });
});
