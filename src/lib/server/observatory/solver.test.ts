import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveExact } from './exact.ts';
import { parseOrlib, pMedianInstance } from './orlib.ts';
import {
  buildInstance,
  checkChoice,
  denseInstance,
  greedy,
  improveBySwaps,
  lagrangianBound,
  objective,
  solveFast,
  type SitingInstance,
} from './solver.ts';

const pmed1 = readFileSync(new URL('./fixtures/pmed1.txt', import.meta.url), 'utf8');

/** Every choice of k among the allowed candidates, for checking answers on small instances. */
function bruteForce(instance: SitingInstance, k: number, pinned: number[] = [], excluded: number[] = []): number {
  const free = [...Array(instance.candidateCount).keys()].filter((j) => !pinned.includes(j) && !excluded.includes(j));
  let best = -Infinity;
  const pick = (from: number, chosen: number[]): void => {
    if (chosen.length === k - pinned.length) {
      best = Math.max(best, objective(instance, [...pinned, ...chosen]));
      return;
    }
    for (let at = from; at < free.length; at++) pick(at + 1, [...chosen, free[at]!]);
  };
  pick(0, []);
  return best;
}

describe('OR-Library pmed1 (known optimum 5819 for p = 5)', () => {
  const problem = parseOrlib(pmed1);
  const { instance, costOf } = pMedianInstance(problem);

  it('reads 100 vertices, p = 5, and completes the graph with shortest paths', () => {
    expect(problem.vertices).toBe(100);
    expect(problem.p).toBe(5);
    // Symmetric, zero on the diagonal, triangle inequality.
    for (let i = 0; i < 100; i += 7) {
      expect(problem.distance[i * 100 + i]).toBe(0);
      for (let j = 0; j < 100; j += 11) {
        expect(problem.distance[i * 100 + j]).toBe(problem.distance[j * 100 + i]);
        for (let k = 0; k < 100; k += 13) {
          expect(problem.distance[i * 100 + j]).toBeLessThanOrEqual(problem.distance[i * 100 + k]! + problem.distance[k * 100 + j]!);
        }
      }
    }
  });

  it('the fast path reaches 5819 and proves it within its bound', () => {
    const answer = solveFast(instance, { k: problem.p });
    expect(costOf(answer.value)).toBe(5819);
    expect(answer.chosen).toHaveLength(5);
    // The Lagrangian bound is a lower bound on the cost: at most the optimum, and close to it.
    expect(costOf(answer.upperBound)).toBeLessThanOrEqual(5819 + 1e-6);
    expect(costOf(answer.upperBound)).toBeGreaterThan(5819 * 0.99);
  });

  it('greedy alone does worse, so the swaps do the work', () => {
    expect(costOf(objective(instance, greedy(instance, { k: 5 })))).toBeGreaterThan(5819);
  });

  it('the exact path (HiGHS) proves 5819', async () => {
    const answer = await solveExact(instance, { k: problem.p });
    expect(answer.optimal).toBe(true);
    expect(costOf(answer.value)).toBe(5819);
    expect(costOf(answer.upperBound)).toBe(5819);
  }, 60_000);

  it('the last of two edges between the same vertices wins', () => {
    const twice = parseOrlib('3 3 1\n1 2 5\n2 3 1\n1 2 9\n');
    expect(twice.distance[1]).toBe(9);
    expect(twice.distance[2]).toBe(10);
  });

  it('refuses a malformed file', () => {
    expect(() => parseOrlib('x y z')).toThrow(SyntaxError);
    expect(() => parseOrlib('3 2 1\n1 2 5\n')).toThrow(/edges/);
    expect(() => parseOrlib('3 1 1\n1 2 5\n')).toThrow(/not connected/);
    expect(() => parseOrlib('2 1 1\n1 4 5\n')).toThrow(/edge 1/);
  });
});

describe('choices', () => {
  // Candidate 0 serves demand 0 and 1; candidate 1 serves 1; candidate 2 serves 2.
  const small = buildInstance(3, 3, [
    { candidate: 0, demand: 0, value: 10 },
    { candidate: 0, demand: 1, value: 10 },
    { candidate: 1, demand: 1, value: 15 },
    { candidate: 2, demand: 2, value: 4 },
  ]);

  it('takes the best candidates, and a pin or an exclusion changes the answer as expected', () => {
    expect(solveFast(small, { k: 1 }).chosen).toEqual([0]);
    expect(solveFast(small, { k: 1, pinned: [2] }).chosen).toEqual([2]);
    expect(solveFast(small, { k: 1, excluded: [0] }).chosen).toEqual([1]);
    expect(solveFast(small, { k: 2, pinned: [2] }).chosen).toEqual([0, 2]);
  });

  it('existing places are kept as built: only what they do not already give counts', () => {
    // An existing place already gives 12 at demand 1: candidate 1 adds only 3 there.
    const withExisting = buildInstance(
      3,
      3,
      [
        { candidate: 0, demand: 0, value: 10 },
        { candidate: 1, demand: 1, value: 15 },
        { candidate: 2, demand: 2, value: 4 },
      ],
      [0, 12, 0],
    );
    expect(objective(withExisting, [1])).toBe(3);
    expect(solveFast(withExisting, { k: 2 }).chosen).toEqual([0, 2]);
  });

  it('names what makes a choice impossible', () => {
    expect(checkChoice(small, { k: 0 })).toEqual({ problem: 'k_invalid' });
    expect(checkChoice(small, { k: 3, excluded: [1] })).toEqual({ problem: 'k_invalid' });
    expect(checkChoice(small, { k: 1, pinned: [0], excluded: [0] })).toEqual({ problem: 'pinned_excluded' });
    expect(checkChoice(small, { k: 1, pinned: [0, 1] })).toEqual({ problem: 'too_many_pinned' });
    expect(() => checkChoice(small, { k: 1, pinned: [7] })).toThrow(RangeError);
  });
});

describe('on random instances', () => {
  const instances = fc
    .record({
      demand: fc.integer({ min: 1, max: 9 }),
      candidates: fc.integer({ min: 2, max: 8 }),
      seed: fc.array(fc.float({ min: 0, max: 100, noNaN: true }), { minLength: 72, maxLength: 72 }),
      sparsity: fc.float({ min: 0, max: Math.fround(0.7), noNaN: true }),
    })
    .chain((r) =>
      fc.record({
        r: fc.constant(r),
        k: fc.integer({ min: 1, max: r.candidates }),
        pin: fc.option(fc.integer({ min: 0, max: r.candidates - 1 })),
      }),
    )
    .map(({ r, k, pin }) => {
      const rows = Array.from({ length: r.demand }, (_, i) =>
        Array.from({ length: r.candidates }, (_, j) => {
          const v = r.seed[(i * r.candidates + j) % 72]!;
          return v < r.sparsity * 100 ? 0 : v;
        }),
      );
      return { instance: denseInstance(rows, r.candidates), k, pinned: pin === null ? [] : [pin] };
    });

  it('greedy + swaps is a valid choice, never above the optimum, and the bound is never below it', () => {
    fc.assert(
      fc.property(instances, ({ instance, k, pinned }) => {
        const optimum = bruteForce(instance, k, pinned);
        const answer = solveFast(instance, { k, pinned });
        expect(new Set(answer.chosen).size).toBe(k);
        for (const p of pinned) expect(answer.chosen).toContain(p);
        expect(answer.value).toBeCloseTo(objective(instance, answer.chosen), 6);
        expect(answer.value).toBeLessThanOrEqual(optimum + 1e-6);
        expect(answer.upperBound).toBeGreaterThanOrEqual(optimum - 1e-6);
        expect(answer.gap).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a swap never lowers the objective, and the Lagrangian bound holds at any number of iterations', () => {
    fc.assert(
      fc.property(instances, fc.integer({ min: 1, max: 50 }), ({ instance, k, pinned }, iterations) => {
        const first = greedy(instance, { k, pinned });
        const improved = improveBySwaps(instance, { k, pinned }, first);
        expect(objective(instance, improved.chosen)).toBeGreaterThanOrEqual(objective(instance, first) - 1e-9);
        const bound = lagrangianBound(instance, { k, pinned }, { lowerBound: 0, iterations });
        expect(bound.upperBound).toBeGreaterThanOrEqual(bruteForce(instance, k, pinned) - 1e-6);
      }),
      { numRuns: 200 },
    );
  });

  it('the exact path finds the optimum', async () => {
    await fc.assert(
      fc.asyncProperty(instances, async ({ instance, k, pinned }) => {
        const answer = await solveExact(instance, { k, pinned });
        expect(answer.optimal).toBe(true);
        expect(answer.value).toBeCloseTo(bruteForce(instance, k, pinned), 6);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
