// The exact path: the siting problem as a mixed-integer programme solved by HiGHS (the `highs` package,
// WebAssembly, no native binary), for instances small enough. Its proven bound is reported even when the
// time limit stops it first.
import loadHighs, { type Highs } from 'highs';
import { checkChoice, objective, type Choice, type SitingInstance } from './solver.ts';

/** Above this many (candidate, demand) pairs the exact path is not attempted: the fast path's bound stands. */
export const EXACT_MAX_PAIRS = 40_000;

let highs: Promise<Highs> | undefined;
const loaded = (): Promise<Highs> => (highs ??= loadHighs());

export interface ExactSolution {
  chosen: number[];
  value: number;
  /** Proven upper bound (equal to value when optimal). */
  upperBound: number;
  optimal: boolean;
  milliseconds: number;
}

/**
 * max Σ v_e x_e  s.t.  Σ_{e at i} x_e ≤ 1 (each demand point once), x_e ≤ y_j (only open sites serve),
 * Σ y = k, y binary (pins fixed to 1, exclusions to 0), 0 ≤ x ≤ 1.
 */
export async function solveExact(
  instance: SitingInstance,
  choice: Choice,
  options: { timeLimitSeconds?: number } = {},
): Promise<ExactSolution> {
  const checked = checkChoice(instance, choice);
  if ('problem' in checked) throw new RangeError(`invalid choice: ${checked.problem}`);
  const began = performance.now();
  const solver = await loaded();
  const m = instance.candidateCount;
  const pairs = instance.demand.length;
  const numCols = m + pairs;
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  const integrality = new Int32Array(numCols);
  for (let j = 0; j < m; j++) {
    integrality[j] = 1;
    if (checked.pinned.has(j)) colLower[j] = 1;
    if (checked.excluded.has(j)) colUpper[j] = 0;
  }
  colCost.set(instance.value, m);
  // Rows: one per demand point, one per pair, then the count of sites.
  const n = instance.demandCount;
  const numRows = n + pairs + 1;
  const rowLower = new Float64Array(numRows).fill(-solver.infinity);
  const rowUpper = new Float64Array(numRows).fill(1);
  const starts = new Int32Array(numRows + 1);
  const indices = new Int32Array(pairs + 2 * pairs + m);
  const values = new Float64Array(indices.length);
  const atDemand: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < pairs; e++) atDemand[instance.demand[e]!]!.push(e);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (const e of atDemand[i]!) {
      indices[at] = m + e;
      values[at++] = 1;
    }
    starts[i + 1] = at;
  }
  for (let j = 0; j < m; j++) {
    for (let e = instance.start[j]!; e < instance.start[j + 1]!; e++) {
      indices[at] = j;
      values[at++] = -1;
      indices[at] = m + e;
      values[at++] = 1;
      rowUpper[n + e] = 0;
      starts[n + e + 1] = at;
    }
  }
  for (let j = 0; j < m; j++) {
    indices[at] = j;
    values[at++] = 1;
  }
  starts[numRows] = at;
  rowLower[numRows - 1] = choice.k;
  rowUpper[numRows - 1] = choice.k;
  const model = solver.createModel({
    numCols,
    numRows,
    sense: solver.constants.objectiveSense.maximize,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    integrality,
    matrix: { format: 'csr', numRows, numCols, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false, time_limit: options.timeLimitSeconds ?? 20, mip_rel_gap: 0 });
    model.run();
    const status = model.getModelStatus();
    const y = model.getSolution().colValue;
    const chosen: number[] = [];
    for (let j = 0; j < m; j++) if (y[j]! > 0.5) chosen.push(j);
    const optimal = status === solver.constants.modelStatus.optimal;
    const value = objective(instance, chosen);
    const dualBound = Number(model.info.get('mip_dual_bound'));
    return {
      chosen,
      value,
      upperBound: optimal ? value : Number.isFinite(dualBound) ? Math.max(dualBound, value) : Infinity,
      optimal,
      milliseconds: performance.now() - began,
    };
  } finally {
    model.dispose();
  }
}
