/** Small statistics helpers for the benchmarks. */

/** Nearest-rank percentile (p in 0..100) of a list; the list need not be sorted. NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted(sortNumbers(values), p);
}

/** Nearest-rank percentile of an already ascending-sorted list. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Ascending numeric sort into a new array. */
export function sortNumbers(values: readonly number[]): number[] {
  return Array.from(Float64Array.from(values).sort());
}

export interface Summary {
  count: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = sortNumbers(values);
  return {
    count: sorted.length,
    median: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length ? sorted.reduce((sum, v) => sum + v, 0) / sorted.length : Number.NaN,
  };
}

/** The same deterministic PRNG as the synthetic places, so runs draw the same queries for the same seed. */
/** Runs `run` `runs` times one after another and summarizes the durations (ms). */
export async function timeRuns(runs: number, run: () => Promise<unknown> | unknown): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return summarize(times);
}

export { seededRandom } from '../../src/lib/server/random.ts';
