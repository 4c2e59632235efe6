import { expectation, type Scenarios } from './scenarios';

// The expected cost of stocking up to a level, and its exact piecewise-linear description over
// whole cases: the cost is convex in the number of cases, so it is the maximum of a few lines.
// That keeps each SKU's cost separate and its LP relaxation exact at every whole number of cases.

export interface StockPolicy {
  /** Units available when the order arrives (before it). */
  readonly available: number;
  readonly casePack: number;
  readonly holdingCost: number;
  readonly stockoutCost: number;
}

/** Expected leftover and shortage costs when `cases` cases arrive. */
export function expectedCost(policy: StockPolicy, demand: Scenarios, cases: number): number {
  const stock = policy.available + policy.casePack * cases;
  return expectation(demand, (d) => policy.holdingCost * Math.max(0, stock - d) + policy.stockoutCost * Math.max(0, d - stock));
}

/** Probability that stock after `cases` arrive covers demand. */
export function coverProbability(policy: StockPolicy, demand: Scenarios, cases: number): number {
  const stock = policy.available + policy.casePack * cases;
  return expectation(demand, (d) => (d <= stock + 1e-9 ? 1 : 0));
}

export interface CostLine {
  /** cost ≥ intercept + slope · cases */
  readonly slope: number;
  readonly intercept: number;
}

/**
 * Lines whose maximum equals expectedCost at every whole number of cases in [0, maxCases].
 * The slope between n and n+1 only changes where a scenario's demand falls within a case of the stock level.
 */
export function costLines(policy: StockPolicy, demand: Scenarios, maxCases: number): CostLine[] {
  if (maxCases <= 0) return [{ slope: 0, intercept: expectedCost(policy, demand, 0) }];
  const starts = new Set<number>([0]);
  for (const d of demand.values) {
    const f = Math.floor((d - policy.available) / policy.casePack);
    for (const n of [f - 1, f, f + 1]) if (n >= 0 && n < maxCases) starts.add(n);
  }
  const lines: CostLine[] = [];
  let lastSlope = NaN;
  for (const n of [...starts].sort((a, b) => a - b)) {
    const g0 = expectedCost(policy, demand, n);
    const slope = expectedCost(policy, demand, n + 1) - g0;
    if (Math.abs(slope - lastSlope) <= 1e-12 * Math.max(1, Math.abs(slope))) continue;
    lastSlope = slope;
    lines.push({ slope, intercept: g0 - slope * n });
  }
  return lines;
}

/** Best whole number of cases in [lo, hi] ignoring shared limits (the cost is convex: walk down the slope). */
export function bestCases(policy: StockPolicy, demand: Scenarios, lo: number, hi: number): number {
  let n = lo;
  while (n < hi && expectedCost(policy, demand, n + 1) < expectedCost(policy, demand, n) - 1e-12) n++;
  return n;
}
