/*
 * Small groups are never shown. Pure: counts in, what may be displayed out.
 *
 * Primary suppression: a count from 1 to 4 shows as "< 5". Secondary suppression: a hidden count must not be
 * worked out from what is shown beside it (a row, a column, the totals). A table with its totals is seen as a
 * grid whose every line sums to zero (totals counted negatively); while a small entry could be worked out
 * (no unit can go round a cycle of hidden entries through it), the cheapest rectangle through it is hidden.
 */

import { isSmall, shownCount, shownOf, type Shown } from '../small-counts.ts';

export { SMALL_GROUP, isSmall, shownCount, shownText, type Shown } from '../small-counts.ts';

export interface ProtectedTable {
  cells: Shown[][];
  rowTotals: Shown[];
  columnTotals: Shown[];
  total: Shown;
}


/**
 * Protects a grid `g` of (rows + 1) × (columns + 1) entries whose last row and column are the totals.
 * Returns which entries are hidden.
 *
 * In the grid with totals negated, every line sums to zero, so another table consistent with what is shown
 * differs by a circulation over the hidden entries. A small entry can take another value exactly when one
 * unit can go round a cycle through it, each entry staying within what a reader knows of it (1 to 4 for
 * "< 5", 0 or more for a hidden count): a path search in the residual graph (rows and columns as nodes).
 */
function protectGrid(g: number[][]): boolean[][] {
  const rows = g.length;
  const cols = g[0]!.length;
  const hidden = g.map((row) => row.map(isSmall));
  const isTotal = (i: number, j: number) => i === rows - 1 || j === cols - 1;
  // A cheaper entry to hide is a smaller one; totals cost more (read elsewhere), zeros protect less.
  const cost = (i: number, j: number) => g[i]![j]! + (isTotal(i, j) ? 1_000_000 : 0) + (g[i]![j] === 0 ? 500_000 : 0);

  /** Can the entry (i, j), in the negated grid, go up (`+1`) or down (`-1`) by one? */
  const room = (i: number, j: number, direction: 1 | -1): boolean => {
    const value = g[i]![j]!;
    const [lo, hi] = isSmall(value) ? [1, 4] : [0, Infinity];
    // Totals are negated: their y goes up when the count goes down.
    const up = isTotal(i, j) ? -direction : direction;
    return up > 0 ? value < hi : value > lo;
  };
  /** A path from one node to another through hidden entries with room, leaving out (ei, ej). */
  const path = (from: ['r' | 'c', number], to: ['r' | 'c', number], ei: number, ej: number): boolean => {
    const seen = new Set<string>([from.join()]);
    const queue = [from];
    while (queue.length) {
      const [side, index] = queue.pop()!;
      if (side === to[0] && index === to[1]) return true;
      const steps: ['r' | 'c', number][] = [];
      if (side === 'r') {
        for (let j = 0; j < cols; j++) if (hidden[index]![j] && !(index === ei && j === ej) && room(index, j, 1)) steps.push(['c', j]);
      } else {
        for (let i = 0; i < rows; i++) if (hidden[i]![index] && !(i === ei && index === ej) && room(i, index, -1)) steps.push(['r', i]);
      }
      for (const step of steps)
        if (!seen.has(step.join())) {
          seen.add(step.join());
          queue.push(step);
        }
    }
    return false;
  };
  // Up: row i → column j on the entry, then back from column j to row i; down: the other way round.
  const movable = (i: number, j: number) =>
    (room(i, j, 1) && path(['c', j], ['r', i], i, j)) || (room(i, j, -1) && path(['r', i], ['c', j], i, j));

  for (let guard = 0; guard < rows * cols; guard++) {
    let stuck: [number, number] | null = null;
    for (let i = 0; i < rows && !stuck; i++) for (let j = 0; j < cols && !stuck; j++) if (hidden[i]![j] && isSmall(g[i]![j]!) && !movable(i, j)) stuck = [i, j];
    if (!stuck) break;
    const [si, sj] = stuck;
    // The cheapest rectangle through it that frees it; failing that, the cheapest one that hides anything.
    let best: { cells: [number, number][]; price: number; frees: boolean } | null = null;
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) {
        if (i === si || j === sj) continue;
        const cells = ([[si, j], [i, sj], [i, j]] as [number, number][]).filter(([a, b]) => !hidden[a]![b]);
        if (!cells.length) continue;
        const price = cells.reduce((sum, [a, b]) => sum + cost(a, b), 0);
        for (const [a, b] of cells) hidden[a]![b] = true;
        const frees = movable(si, sj);
        for (const [a, b] of cells) hidden[a]![b] = false;
        if (!best || (frees && !best.frees) || (frees === best.frees && price < best.price)) best = { cells, price, frees };
      }
    if (!best) break; // everything around it is hidden already
    for (const [a, b] of best.cells) hidden[a]![b] = true;
  }
  return hidden;
}

/** A cross-tabulation (rows × columns of counts) with its row, column and grand totals, protected. */
export function protectTable(counts: number[][]): ProtectedTable {
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = (counts[0] ?? []).map((_, j) => counts.reduce((sum, row) => sum + row[j]!, 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  if (counts.length === 0 || columnTotals.length === 0) return { cells: [], rowTotals: [], columnTotals: [], total: shownCount(total) };
  const grid = [...counts.map((row, i) => [...row, rowTotals[i]!]), [...columnTotals, total]];
  const hidden = protectGrid(grid);
  const r = counts.length;
  const c = columnTotals.length;
  return {
    cells: counts.map((row, i) => row.map((value, j) => shownOf(value, hidden[i]![j]!))),
    rowTotals: rowTotals.map((value, i) => shownOf(value, hidden[i]![c]!)),
    columnTotals: columnTotals.map((value, j) => shownOf(value, hidden[r]![j]!)),
    total: shownOf(total, hidden[r]![c]!),
  };
}

/**
 * Counts that add up to a total shown beside them (the choices of a single-choice question and those who
 * skipped it): a hidden count is never the only one hidden, or the total would give it away; the next
 * smallest counts are hidden with it. The total itself is hidden only when it is small.
 */
export function protectLine(counts: number[]): { cells: Shown[]; total: Shown } {
  const total = counts.reduce((a, b) => a + b, 0);
  const hidden = counts.map(isSmall);
  if (hidden.filter(Boolean).length === 1 && !isSmall(total)) {
    // Hide the smallest other count, a non-zero one first (a hidden zero protects as well, but says less).
    const order = counts
      .map((value, index) => ({ value, index }))
      .filter(({ index }) => !hidden[index])
      .sort((a, b) => (a.value === 0 ? 1 : 0) - (b.value === 0 ? 1 : 0) || a.value - b.value);
    if (order[0]) hidden[order[0].index] = true;
  }
  return { cells: counts.map((value, i) => shownOf(value, hidden[i]!)), total: shownCount(total) };
}

/** Independent counts (the options of a multiple choice, communes on a map): each 1–4 shows "< 5". */
export const protectCounts = (counts: number[]): Shown[] => counts.map(shownCount);
