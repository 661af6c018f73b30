// OR-Library p-median files (Beasley 1985): first line `n m p`, then m lines `i j cost` (1-based, undirected).
// The graph is completed with shortest paths; where an edge appears twice the last one wins, as the library's
// own optima assume.
import { EXACT_MAX_PAIRS, solveExact } from './exact.ts';
import { denseInstance, solveFast, type SitingInstance } from './solver.ts';

export interface PMedianProblem {
  vertices: number;
  p: number;
  /** Shortest-path distances, row-major n × n. */
  distance: Float64Array;
}

export function parseOrlib(text: string): PMedianProblem {
  const numbers = text.trim().split(/\s+/).map(Number);
  const [vertices, edges, p] = numbers;
  if (!Number.isInteger(vertices) || !Number.isInteger(edges) || !Number.isInteger(p) || vertices! < 1 || p! < 1) {
    throw new SyntaxError('OR-Library file: the first line must be "n m p" (whole numbers)');
  }
  if (numbers.length < 3 + 3 * edges!) throw new SyntaxError(`OR-Library file: ${edges} edges announced, fewer found`);
  const n = vertices!;
  const distance = new Float64Array(n * n).fill(Infinity);
  for (let v = 0; v < n; v++) distance[v * n + v] = 0;
  for (let e = 0; e < edges!; e++) {
    const [i, j, cost] = numbers.slice(3 + 3 * e, 6 + 3 * e) as [number, number, number];
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 1 || j < 1 || i > n || j > n || !(cost >= 0)) {
      throw new SyntaxError(`OR-Library file: edge ${e + 1} is not "i j cost" within 1..${n}`);
    }
    if (i === j) continue;
    distance[(i - 1) * n + (j - 1)] = cost;
    distance[(j - 1) * n + (i - 1)] = cost;
  }
  // Floyd–Warshall: n ≤ 900 in the library, under a second.
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    for (let i = 0; i < n; i++) {
      const dik = distance[i * n + k]!;
      if (dik === Infinity) continue;
      const rowI = i * n;
      for (let j = 0; j < n; j++) {
        const through = dik + distance[rowK + j]!;
        if (through < distance[rowI + j]!) distance[rowI + j] = through;
      }
    }
  }
  if (distance.some((d) => d === Infinity)) throw new SyntaxError('OR-Library file: the graph is not connected');
  return { vertices: n, p: p!, distance };
}

/** The p-median as a siting instance: value = M − cost with M above every distance, so the value is positive. */
export function pMedianInstance(problem: PMedianProblem): { instance: SitingInstance; costOf: (value: number) => number } {
  const n = problem.vertices;
  const ceiling = Math.max(...problem.distance) + 1;
  const rows = Array.from({ length: n }, (_, i) => problem.distance.subarray(i * n, (i + 1) * n).map((d) => ceiling - d));
  return { instance: denseInstance(rows, n), costOf: (value) => n * ceiling - value };
}

export interface OrlibAnswer {
  p: number;
  fast: { cost: number; lowerBound: number; gap: number; milliseconds: number };
  /** Absent when the instance is too large for the exact path. */
  exact?: { cost: number; lowerBound: number; optimal: boolean; milliseconds: number };
}

/** Solves an OR-Library file for p sites by the fast path and, when small enough, the exact one. */
export async function solveOrlib(text: string, p: number, options: { exact?: boolean } = {}): Promise<OrlibAnswer> {
  const problem = parseOrlib(text);
  if (!Number.isInteger(p) || p < 1 || p > problem.vertices) throw new RangeError(`p must be a whole number in 1..${problem.vertices}`);
  const { instance, costOf } = pMedianInstance(problem);
  const fast = solveFast(instance, { k: p }, { budgetMs: 60_000 });
  const answer: OrlibAnswer = {
    p,
    fast: {
      cost: costOf(fast.value),
      lowerBound: costOf(fast.upperBound),
      gap: (costOf(fast.value) - costOf(fast.upperBound)) / costOf(fast.value),
      milliseconds: fast.milliseconds,
    },
  };
  if (options.exact !== false && instance.demand.length <= EXACT_MAX_PAIRS) {
    const exact = await solveExact(instance, { k: p }, { timeLimitSeconds: 120 });
    answer.exact = { cost: costOf(exact.value), lowerBound: costOf(exact.upperBound), optimal: exact.optimal, milliseconds: exact.milliseconds };
  }
  return answer;
}
