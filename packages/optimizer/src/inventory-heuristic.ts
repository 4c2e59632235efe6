import type { CostLine } from './newsvendor';

// A fast plan from the continuous relaxation: round cases down, settle supplier minimums, then fill the
// space and cash left with the cases that save most per unit of what they use. The relaxation of the
// inventory model is tight (each SKU's cost is exact at whole cases), so this plan is usually within
// 1e-4 of the bound and solveModel can certify it without branch and bound.

export interface HeuristicSku {
  readonly lines: CostLine[];
  readonly caseVolume: number;
  readonly caseCost: number;
  readonly minCases: number;
  readonly maxCases: number;
  readonly supplier: string | null;
}

export interface HeuristicLimits {
  readonly volume: number;
  readonly cash: number;
  /** Minimum order value per supplier (only suppliers with a positive minimum). */
  readonly minOrder: Map<string, number>;
}

function costAt(lines: CostLine[], n: number): number {
  let best = -Infinity;
  for (const l of lines) best = Math.max(best, l.intercept + l.slope * n);
  return best;
}

/** Whole cases per SKU, feasible for space, cash and supplier minimums whenever the rounding allows. */
export function roundAndFill(skus: readonly HeuristicSku[], limits: HeuristicLimits, relaxedCases: readonly number[]): number[] {
  const n = skus.map((k, i) => Math.min(k.maxCases, Math.max(k.minCases, Math.floor((relaxedCases[i] ?? 0) + 1e-6))));
  let volume = skus.reduce((s, k, i) => s + k.caseVolume * (n[i] ?? 0), 0);
  let cash = skus.reduce((s, k, i) => s + k.caseCost * (n[i] ?? 0), 0);
  const fits = (k: HeuristicSku): boolean => volume + k.caseVolume <= limits.volume + 1e-9 && cash + k.caseCost <= limits.cash + 1e-9;
  const add = (i: number, by: number): void => {
    const k = skus[i] as HeuristicSku;
    n[i] = (n[i] ?? 0) + by;
    volume += by * k.caseVolume;
    cash += by * k.caseCost;
  };
  const value = (supplier: string): number => skus.reduce((s, k, i) => s + (k.supplier === supplier ? k.caseCost * (n[i] ?? 0) : 0), 0);

  // Suppliers left between zero and their minimum: either close them or top them up, whichever costs less.
  for (const [supplier, minimum] of limits.minOrder) {
    const current = value(supplier);
    if (current <= 0 || current >= minimum - 1e-9) continue;
    const members = skus.map((k, i) => ({ k, i })).filter(({ k }) => k.supplier === supplier);
    const canClose = members.every(({ k }) => k.minCases === 0);
    const closeCost = members.reduce((s, { k, i }) => s + costAt(k.lines, 0) - costAt(k.lines, n[i] ?? 0), 0);
    const before = [...n];
    const [v0, c0] = [volume, cash];
    let raiseCost = 0;
    while (value(supplier) < minimum - 1e-9) {
      let pick = -1;
      let pickRate = Infinity;
      for (const { k, i } of members) {
        if ((n[i] ?? 0) >= k.maxCases || k.caseCost <= 0 || !fits(k)) continue;
        const rate = (costAt(k.lines, (n[i] ?? 0) + 1) - costAt(k.lines, n[i] ?? 0)) / k.caseCost;
        if (rate < pickRate) [pick, pickRate] = [i, rate];
      }
      if (pick < 0) break;
      const k = skus[pick] as HeuristicSku;
      raiseCost += costAt(k.lines, (n[pick] ?? 0) + 1) - costAt(k.lines, n[pick] ?? 0);
      add(pick, 1);
    }
    const raised = value(supplier) >= minimum - 1e-9;
    if (canClose && (!raised || closeCost <= raiseCost)) {
      before.forEach((x, i) => (n[i] = x));
      [volume, cash] = [v0, c0];
      for (const { i } of members) add(i, -(n[i] ?? 0));
    }
  }

  // Fill what is left, best saving per share of the scarce resources first.
  const open = (k: HeuristicSku): boolean => k.supplier === null || !limits.minOrder.has(k.supplier) || value(k.supplier) > 0;
  for (;;) {
    let pick = -1;
    let pickScore = 0;
    const volLeft = Math.max(1e-9, limits.volume - volume);
    const cashLeft = Math.max(1e-9, limits.cash - cash);
    skus.forEach((k, i) => {
      if ((n[i] ?? 0) >= k.maxCases || !fits(k) || !open(k)) return;
      const gain = costAt(k.lines, n[i] ?? 0) - costAt(k.lines, (n[i] ?? 0) + 1);
      if (gain <= 1e-12) return;
      const use = (Number.isFinite(limits.volume) ? k.caseVolume / volLeft : 0) + (Number.isFinite(limits.cash) ? k.caseCost / cashLeft : 0);
      const score = gain / Math.max(use, 1e-12);
      if (score > pickScore) [pick, pickScore] = [i, score];
    });
    if (pick < 0) break;
    add(pick, 1);
  }
  return n;
}

/** A SKU's expected cost at whole cases, exactly as the model's cost rows see it. */
export function heuristicCostAt(lines: CostLine[], cases: number): number {
  return costAt(lines, cases);
}
