// The siting solver, pure: choose k sites among candidates to maximise the value they add to demand points,
// given what existing places already secure. The p-median (OR-Library) is the same problem with
// value = M − cost; the siting of places uses km of commuting avoided.
//
// An instance stores, for each candidate, the demand points it would serve and the value it would add
// there ABOVE what existing places already give (entries at or below that are dropped when the instance is
// built): existing places are kept as built without being candidates, and every objective below is the
// value added by the new sites.

/** Sparse values by candidate (CSR): candidate j serves demand[start[j]..start[j+1]) with value[…] > 0. */
export interface SitingInstance {
  readonly demandCount: number;
  readonly candidateCount: number;
  readonly start: Int32Array;
  readonly demand: Int32Array;
  readonly value: Float64Array;
}

export interface InstanceEntry {
  candidate: number;
  demand: number;
  /** Value at the demand point if this candidate serves it (before existing places are accounted for). */
  value: number;
}

/**
 * Builds an instance from entries; `base[i]` is the value existing places already secure at demand i.
 * An entry repeated for the same candidate and demand keeps the larger value.
 */
export function buildInstance(
  demandCount: number,
  candidateCount: number,
  entries: Iterable<InstanceEntry>,
  base?: ArrayLike<number>,
): SitingInstance {
  const perCandidate: Map<number, number>[] = Array.from({ length: candidateCount }, () => new Map());
  for (const { candidate, demand, value } of entries) {
    if (candidate < 0 || candidate >= candidateCount || demand < 0 || demand >= demandCount) {
      throw new RangeError(`entry out of range: candidate ${candidate}, demand ${demand}`);
    }
    const gain = value - (base?.[demand] ?? 0);
    if (!(gain > 0)) continue;
    const row = perCandidate[candidate]!;
    row.set(demand, Math.max(row.get(demand) ?? 0, gain));
  }
  const start = new Int32Array(candidateCount + 1);
  for (let j = 0; j < candidateCount; j++) start[j + 1] = start[j]! + perCandidate[j]!.size;
  const demand = new Int32Array(start[candidateCount]!);
  const value = new Float64Array(start[candidateCount]!);
  for (let j = 0; j < candidateCount; j++) {
    let at = start[j]!;
    for (const [i, v] of [...perCandidate[j]!].sort((a, b) => a[0] - b[0])) {
      demand[at] = i;
      value[at++] = v;
    }
  }
  return { demandCount, candidateCount, start, demand, value };
}

/** Builds an instance from a dense value matrix (values[i][j]: demand i served by candidate j). */
export function denseInstance(values: readonly (ArrayLike<number>)[], candidateCount: number): SitingInstance {
  function* entries(): Generator<InstanceEntry> {
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < candidateCount; j++) yield { candidate: j, demand: i, value: values[i]![j]! };
    }
  }
  return buildInstance(values.length, candidateCount, entries());
}

export interface Choice {
  k: number;
  /** Candidates that must be chosen (counted in k). */
  pinned?: readonly number[];
  /** Candidates that must not be chosen. */
  excluded?: readonly number[];
}

/** Checks a choice against an instance; returns the sets, or the reason it cannot be satisfied. */
export function checkChoice(
  instance: SitingInstance,
  choice: Choice,
): { pinned: Set<number>; excluded: Set<number> } | { problem: 'k_invalid' | 'pinned_excluded' | 'too_many_pinned' } {
  const pinned = new Set(choice.pinned ?? []);
  const excluded = new Set(choice.excluded ?? []);
  for (const j of [...pinned, ...excluded]) {
    if (!Number.isInteger(j) || j < 0 || j >= instance.candidateCount) throw new RangeError(`no candidate ${j}`);
  }
  if (!Number.isInteger(choice.k) || choice.k < 1 || choice.k > instance.candidateCount - excluded.size) {
    return { problem: 'k_invalid' };
  }
  for (const j of pinned) if (excluded.has(j)) return { problem: 'pinned_excluded' };
  if (pinned.size > choice.k) return { problem: 'too_many_pinned' };
  return { pinned, excluded };
}

function requireChoice(instance: SitingInstance, choice: Choice): { pinned: Set<number>; excluded: Set<number> } {
  const checked = checkChoice(instance, choice);
  if ('problem' in checked) throw new RangeError(`invalid choice: ${checked.problem}`);
  return checked;
}

/** The value added by a set of candidates: each demand point takes the best of them. */
export function objective(instance: SitingInstance, chosen: Iterable<number>): number {
  const best = new Float64Array(instance.demandCount);
  for (const j of chosen) {
    for (let e = instance.start[j]!; e < instance.start[j + 1]!; e++) {
      const i = instance.demand[e]!;
      if (instance.value[e]! > best[i]!) best[i] = instance.value[e]!;
    }
  }
  let total = 0;
  for (let i = 0; i < best.length; i++) total += best[i]!;
  return total;
}

/** A max-heap of (key, candidate), ties broken by the smaller candidate so answers are reproducible. */
class MaxHeap {
  private keys: number[] = [];
  private items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  private above(a: number, b: number): boolean {
    return this.keys[a]! > this.keys[b]! || (this.keys[a] === this.keys[b] && this.items[a]! < this.items[b]!);
  }
  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
  }
  push(key: number, item: number): void {
    this.keys.push(key);
    this.items.push(item);
    let at = this.items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.above(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
  }
  pop(): { key: number; item: number } {
    const top = { key: this.keys[0]!, item: this.items[0]! };
    const lastKey = this.keys.pop()!;
    const lastItem = this.items.pop()!;
    if (this.items.length > 0) {
      this.keys[0] = lastKey;
      this.items[0] = lastItem;
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        const right = left + 1;
        let next = at;
        if (left < this.items.length && this.above(left, next)) next = left;
        if (right < this.items.length && this.above(right, next)) next = right;
        if (next === at) break;
        this.swap(at, next);
        at = next;
      }
    }
    return top;
  }
}

function addTo(instance: SitingInstance, best: Float64Array, j: number): void {
  for (let e = instance.start[j]!; e < instance.start[j + 1]!; e++) {
    const i = instance.demand[e]!;
    if (instance.value[e]! > best[i]!) best[i] = instance.value[e]!;
  }
}

function gainOf(instance: SitingInstance, best: Float64Array, j: number): number {
  let gain = 0;
  for (let e = instance.start[j]!; e < instance.start[j + 1]!; e++) {
    const d = instance.value[e]! - best[instance.demand[e]!]!;
    if (d > 0) gain += d;
  }
  return gain;
}

/**
 * Greedy with lazy evaluation: the pins first, then repeatedly the candidate that adds the most. The
 * objective is submodular, so a gain computed earlier bounds the current one and most candidates are never
 * evaluated again (Minoux's accelerated greedy).
 */
export function greedy(instance: SitingInstance, choice: Choice): number[] {
  const { pinned, excluded } = requireChoice(instance, choice);
  const best = new Float64Array(instance.demandCount);
  const chosen = [...pinned].sort((a, b) => a - b);
  for (const j of chosen) addTo(instance, best, j);
  const heap = new MaxHeap();
  const evaluatedAt = new Int32Array(instance.candidateCount);
  for (let j = 0; j < instance.candidateCount; j++) {
    if (pinned.has(j) || excluded.has(j)) continue;
    heap.push(gainOf(instance, best, j), j);
  }
  let round = 0;
  while (chosen.length < choice.k && heap.size > 0) {
    const top = heap.pop();
    if (evaluatedAt[top.item] === round) {
      chosen.push(top.item);
      addTo(instance, best, top.item);
      round++;
    } else {
      evaluatedAt[top.item] = round;
      heap.push(gainOf(instance, best, top.item), top.item);
    }
  }
  return chosen;
}

/** Demand served by candidate (transpose of the instance), built once for swaps and bounds. */
interface ByDemand {
  start: Int32Array;
  candidate: Int32Array;
  value: Float64Array;
}

function byDemand(instance: SitingInstance): ByDemand {
  const start = new Int32Array(instance.demandCount + 1);
  for (let e = 0; e < instance.demand.length; e++) start[instance.demand[e]! + 1]!++;
  for (let i = 0; i < instance.demandCount; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, instance.demandCount);
  const candidate = new Int32Array(instance.demand.length);
  const value = new Float64Array(instance.demand.length);
  for (let j = 0; j < instance.candidateCount; j++) {
    for (let e = instance.start[j]!; e < instance.start[j + 1]!; e++) {
      const at = fill[instance.demand[e]!]!++;
      candidate[at] = j;
      value[at] = instance.value[e]!;
    }
  }
  return { start, candidate, value };
}

export interface SwapOptions {
  /** Stop after this many swaps (each one improves the objective strictly). */
  maxSwaps?: number;
  /** Stop when this deadline (performance.now() in ms) has passed. */
  deadline?: number;
}

/**
 * Improves a solution by swaps (one chosen site out, one candidate in) while one improves the objective,
 * taking the best swap each time. Every pair is evaluated in one pass over the instance per round
 * (Whitaker's fast interchange, in the form of Resende and Werneck 2007): with b1/b2 the best and second
 * best value at each demand point, swapping s for c changes the objective by
 * gain(c) − loss(s) + extra(s, c). Pinned sites never leave.
 */
export function improveBySwaps(
  instance: SitingInstance,
  choice: Choice,
  start: readonly number[],
  options: SwapOptions = {},
): { chosen: number[]; swaps: number } {
  const { pinned, excluded } = requireChoice(instance, choice);
  const columns = byDemand(instance);
  const chosen = [...start];
  const n = instance.demandCount;
  const m = instance.candidateCount;
  const slotOf = new Int32Array(m).fill(-1);
  const b1 = new Float64Array(n);
  const b2 = new Float64Array(n);
  const f1 = new Int32Array(n);
  const gain = new Float64Array(m);
  const loss = new Float64Array(chosen.length);
  const extra = new Float64Array(chosen.length * m);
  const epsilon = 1e-9;
  let swaps = 0;
  while (swaps < (options.maxSwaps ?? Infinity) && !(options.deadline !== undefined && performance.now() > options.deadline)) {
    slotOf.fill(-1);
    chosen.forEach((j, slot) => (slotOf[j] = slot));
    b1.fill(0);
    b2.fill(0);
    f1.fill(-1);
    for (let i = 0; i < n; i++) {
      for (let e = columns.start[i]!; e < columns.start[i + 1]!; e++) {
        if (slotOf[columns.candidate[e]!] === -1) continue;
        const v = columns.value[e]!;
        if (v > b1[i]!) {
          b2[i] = b1[i]!;
          b1[i] = v;
          f1[i] = columns.candidate[e]!;
        } else if (v > b2[i]!) b2[i] = v;
      }
    }
    gain.fill(0);
    loss.fill(0);
    extra.fill(0);
    for (let i = 0; i < n; i++) {
      const owner = f1[i]! === -1 ? -1 : slotOf[f1[i]!]!;
      if (owner !== -1) loss[owner]! += b1[i]! - b2[i]!;
      for (let e = columns.start[i]!; e < columns.start[i + 1]!; e++) {
        const c = columns.candidate[e]!;
        if (slotOf[c] !== -1) continue;
        const v = columns.value[e]!;
        if (v > b1[i]!) gain[c]! += v - b1[i]!;
        if (owner !== -1 && v > b2[i]!) extra[owner * m + c]! += Math.min(v, b1[i]!) - b2[i]!;
      }
    }
    let bestDelta = epsilon;
    let bestOut = -1;
    let bestIn = -1;
    for (let slot = 0; slot < chosen.length; slot++) {
      if (pinned.has(chosen[slot]!)) continue;
      for (let c = 0; c < m; c++) {
        if (slotOf[c] !== -1 || excluded.has(c)) continue;
        const delta = gain[c]! - loss[slot]! + extra[slot * m + c]!;
        if (delta > bestDelta) {
          bestDelta = delta;
          bestOut = slot;
          bestIn = c;
        }
      }
    }
    if (bestOut === -1) break;
    chosen[bestOut] = bestIn;
    swaps++;
  }
  return { chosen, swaps };
}

export interface LagrangianOptions {
  iterations?: number;
  /** A known feasible value (a lower bound), which sets the subgradient step. */
  lowerBound: number;
  /**
   * The solution of that value: the multipliers start at what it gives each demand point, where L(λ) is already
   * its value plus the k largest gains any site would add to it (the submodular bound); else at the largest value.
   */
  start?: readonly number[];
  deadline?: number;
}

export interface LagrangianResult {
  /** No choice of k sites can add more than this. */
  upperBound: number;
  /** The best solution met among the relaxation's own choices, and its value. */
  bestChoice: number[];
  bestValue: number;
  iterations: number;
}

/**
 * An upper bound on the best objective by Lagrangian relaxation of "each demand point takes at most one
 * site" (multipliers λ ≥ 0): L(λ) = Σλ + the k largest ρ_j = Σ max(0, v_ij − λ_i), pins forced in, minimised
 * by subgradient steps (Held–Karp step from the known lower bound). Every L(λ) is a valid bound, so stopping
 * early only loosens it.
 */
export function lagrangianBound(instance: SitingInstance, choice: Choice, options: LagrangianOptions): LagrangianResult {
  const { pinned, excluded } = requireChoice(instance, choice);
  const n = instance.demandCount;
  const m = instance.candidateCount;
  const lambda = new Float64Array(n);
  if (options.start) {
    for (const j of options.start) addTo(instance, lambda, j);
  } else {
    for (let e = 0; e < instance.demand.length; e++) {
      const i = instance.demand[e]!;
      if (instance.value[e]! > lambda[i]!) lambda[i] = instance.value[e]!;
    }
  }
  const rho = new Float64Array(m);
  const open = new Uint8Array(m);
  const served = new Float64Array(n);
  const free: number[] = [];
  for (let j = 0; j < m; j++) if (!pinned.has(j) && !excluded.has(j)) free.push(j);
  const slots = choice.k - pinned.size;
  let upperBound = Infinity;
  let bestValue = options.lowerBound;
  let bestChoice: number[] = [];
  let theta = 2;
  let sinceImprovement = 0;
  const iterations = options.iterations ?? 600;
  let done = 0;
  for (; done < iterations; done++) {
    if (options.deadline !== undefined && performance.now() > options.deadline) break;
    for (let j = 0; j < m; j++) {
      let r = 0;
      for (let e = instance.start[j]!; e < instance.start[j + 1]!; e++) {
        const d = instance.value[e]! - lambda[instance.demand[e]!]!;
        if (d > 0) r += d;
      }
      rho[j] = r;
    }
    free.sort((a, b) => rho[b]! - rho[a]! || a - b);
    open.fill(0);
    let bound = 0;
    for (let i = 0; i < n; i++) bound += lambda[i]!;
    for (const j of pinned) {
      open[j] = 1;
      bound += rho[j]!;
    }
    for (let s = 0; s < slots; s++) {
      open[free[s]!] = 1;
      bound += rho[free[s]!]!;
    }
    if (bound < upperBound - 1e-9) {
      upperBound = bound;
      sinceImprovement = 0;
    } else if (++sinceImprovement >= 20) {
      theta /= 2;
      sinceImprovement = 0;
    }
    const opened = [...pinned, ...free.slice(0, slots)];
    const value = objective(instance, opened);
    if (value > bestValue) {
      bestValue = value;
      bestChoice = opened;
    }
    if (upperBound - bestValue <= 1e-9 * Math.max(1, Math.abs(upperBound)) || theta < 1e-4) break;
    served.fill(0);
    for (let j = 0; j < m; j++) {
      if (!open[j]) continue;
      for (let e = instance.start[j]!; e < instance.start[j + 1]!; e++) {
        if (instance.value[e]! > lambda[instance.demand[e]!]!) served[instance.demand[e]!]!++;
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const g = 1 - served[i]!;
      // λ_i = 0 with g > 0 cannot go lower: that component does not move, so it does not count.
      if (!(lambda[i] === 0 && g > 0)) norm += g * g;
    }
    if (norm === 0) break;
    const step = (theta * Math.max(upperBound - bestValue, 1e-9 * Math.abs(upperBound))) / norm;
    for (let i = 0; i < n; i++) lambda[i] = Math.max(0, lambda[i]! - step * (1 - served[i]!));
  }
  return { upperBound, bestChoice, bestValue, iterations: done };
}

export interface FastSolution {
  chosen: number[];
  value: number;
  upperBound: number;
  /** (upperBound − value) / upperBound: how far the answer can be from the best, at most. */
  gap: number;
  swaps: number;
  milliseconds: number;
}

export interface FastOptions {
  /** Time budget of the whole solve (greedy, swaps and bound), in ms. */
  budgetMs?: number;
  boundIterations?: number;
}

/** The fast path: greedy, swaps, then a Lagrangian bound (whose own choices may improve the answer). */
export function solveFast(instance: SitingInstance, choice: Choice, options: FastOptions = {}): FastSolution {
  const began = performance.now();
  const deadline = began + (options.budgetMs ?? 2000);
  const first = greedy(instance, choice);
  const improved = improveBySwaps(instance, choice, first, { deadline: began + (options.budgetMs ?? 2000) * 0.6 });
  let chosen = improved.chosen;
  let value = objective(instance, chosen);
  const bound = lagrangianBound(instance, choice, {
    lowerBound: value,
    start: chosen,
    deadline,
    ...(options.boundIterations !== undefined ? { iterations: options.boundIterations } : {}),
  });
  let swaps = improved.swaps;
  if (bound.bestValue > value + 1e-9 && bound.bestChoice.length > 0) {
    const again = improveBySwaps(instance, choice, bound.bestChoice, { deadline });
    const againValue = objective(instance, again.chosen);
    if (againValue > value) {
      chosen = again.chosen;
      value = againValue;
      swaps += again.swaps;
    }
  }
  const upperBound = Math.max(bound.upperBound, value);
  return {
    chosen: [...chosen].sort((a, b) => a - b),
    value,
    upperBound,
    gap: upperBound > 0 ? (upperBound - value) / upperBound : 0,
    swaps,
    milliseconds: performance.now() - began,
  };
}
