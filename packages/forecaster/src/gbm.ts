import { at } from './stats';

// A compact gradient-boosted regression tree learner (squared loss, depth-limited, exact splits on presorted
// features). Small on purpose: the series here have hundreds of rows, not millions.

export type GbmOptions = { rounds?: number; depth?: number; learningRate?: number; minLeaf?: number };

type Node = { feature: number; threshold: number; left: Node | number; right: Node | number };
type Tree = Node | number;

export type Gbm = { base: number; trees: Tree[]; rate: number };

export function trainGbm(X: readonly number[][], y: readonly number[], opts: GbmOptions = {}): Gbm {
  const rounds = opts.rounds ?? 100;
  const depth = opts.depth ?? 3;
  const rate = opts.learningRate ?? 0.1;
  const minLeaf = opts.minLeaf ?? 5;
  const n = y.length;
  const nf = n > 0 ? (X[0] as number[]).length : 0;
  const col = (f: number) => X.map((r) => at(r, f));
  const sorted = Array.from({ length: nf }, (_, f) => {
    const c = col(f);
    return Array.from({ length: n }, (_, i) => i).sort((a, b) => at(c, a) - at(c, b));
  });
  const base = n > 0 ? y.reduce((a, b) => a + b, 0) / n : 0;
  const pred = new Float64Array(n).fill(base);
  const resid = new Float64Array(n);
  const trees: Tree[] = [];
  const member = new Int32Array(n);
  let stamp = 0;

  const build = (rows: number[], level: number): Tree => {
    let sum = 0;
    for (const r of rows) sum += at(resid, r);
    const leaf = rows.length > 0 ? sum / rows.length : 0;
    if (level >= depth || rows.length < 2 * minLeaf) return leaf;
    stamp++;
    for (const r of rows) member[r] = stamp;
    let bestGain = 1e-12;
    let bestF = -1;
    let bestT = 0;
    const total = rows.length;
    for (let f = 0; f < nf; f++) {
      const order = sorted[f] as number[];
      const xf = X;
      let leftSum = 0;
      let leftN = 0;
      let prevX = NaN;
      for (const r of order) {
        if (member[r] !== stamp) continue;
        const xv = at(xf[r] as number[], f);
        if (leftN >= minLeaf && total - leftN >= minLeaf && xv !== prevX) {
          const rightSum = sum - leftSum;
          const gain = (leftSum * leftSum) / leftN + (rightSum * rightSum) / (total - leftN) - (sum * sum) / total;
          if (gain > bestGain) {
            bestGain = gain;
            bestF = f;
            bestT = (prevX + xv) / 2;
          }
        }
        leftSum += at(resid, r);
        leftN++;
        prevX = xv;
      }
    }
    if (bestF < 0) return leaf;
    const left: number[] = [];
    const right: number[] = [];
    for (const r of rows) (at(X[r] as number[], bestF) <= bestT ? left : right).push(r);
    return { feature: bestF, threshold: bestT, left: build(left, level + 1), right: build(right, level + 1) };
  };

  const all = Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < rounds; k++) {
    for (let i = 0; i < n; i++) resid[i] = at(y, i) - at(pred, i);
    const tree = build(all, 0);
    trees.push(tree);
    for (let i = 0; i < n; i++) pred[i] = at(pred, i) + rate * evalTree(tree, X[i] as number[]);
  }
  return { base, trees, rate };
}

function evalTree(t: Tree, x: readonly number[]): number {
  let node = t;
  while (typeof node !== 'number') node = at(x, node.feature) <= node.threshold ? node.left : node.right;
  return node;
}

export function predictGbm(model: Gbm, x: readonly number[]): number {
  let v = model.base;
  for (const t of model.trees) v += model.rate * evalTree(t, x);
  return v;
}
