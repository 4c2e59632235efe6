export interface MatchingOptions {
  /** Maximum propensity distance, in standard deviations of the score over all rows (MatchIt's std.caliper). */
  caliper?: number;
  replace?: boolean;
  /** Controls per treated unit (k:1). */
  ratio?: number;
}

export interface MatchedSet {
  treated: number;
  controls: number[];
}

/**
 * Greedy nearest-neighbour matching on the propensity score, in MatchIt's default order: treated
 * units from largest to smallest score, each taking the closest still-available control
 * (k:1 runs k such rounds). Tie rule: equal scores are ordered by row position, and among
 * controls at exactly the same distance the earliest row wins.
 */
export function nearestNeighbourMatch(scores: readonly number[], treatment: readonly number[], opts: MatchingOptions = {}): MatchedSet[] {
  const ratio = opts.ratio ?? 1;
  const treatedIdx = scores.map((_, i) => i).filter((i) => treatment[i] === 1);
  const controlIdx = scores.map((_, i) => i).filter((i) => treatment[i] === 0);
  const order = treatedIdx.slice().sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const maxDistance = opts.caliper === undefined ? Infinity : opts.caliper * standardDeviation(scores);
  const used = new Set<number>();
  const sets = new Map<number, number[]>(order.map((i) => [i, []]));
  for (let round = 0; round < ratio; round++) {
    for (const t of order) {
      const mine = sets.get(t) as number[];
      if (round > 0 && mine.length < round) continue; // found no control in an earlier round
      let best = -1;
      let bestDistance = Infinity;
      for (const c of controlIdx) {
        if ((!opts.replace && used.has(c)) || mine.includes(c)) continue;
        const d = Math.abs((scores[t] as number) - (scores[c] as number));
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      if (best >= 0 && bestDistance <= maxDistance) {
        mine.push(best);
        used.add(best);
      }
    }
  }
  return order.filter((t) => (sets.get(t) as number[]).length > 0).map((t) => ({ treated: t, controls: sets.get(t) as number[] }));
}

/**
 * ATT weights as MatchIt assigns them: 1 for each matched treated unit; each control gets the sum
 * of 1/k over the treated units it serves, rescaled so control weights sum to the number of distinct controls.
 */
export function matchingWeights(sets: readonly MatchedSet[], n: number): number[] {
  const weights = new Array<number>(n).fill(0);
  for (const set of sets) {
    weights[set.treated] = 1;
    for (const c of set.controls) weights[c] = (weights[c] as number) + 1 / set.controls.length;
  }
  const controls = new Set(sets.flatMap((s) => s.controls));
  const total = [...controls].reduce((s, c) => s + (weights[c] as number), 0);
  for (const c of controls) weights[c] = ((weights[c] as number) * controls.size) / total;
  return weights;
}

function standardDeviation(values: readonly number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}
