// Nelder–Mead simplex minimiser: derivative-free, which suits the penalised likelihoods here. Written to
// allocate almost nothing per iteration, since it runs thousands of times per forecast.

export type NelderMeadOptions = { maxIter?: number; tol?: number; step?: number[] };

export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  opts: NelderMeadOptions = {},
): { x: number[]; value: number; iterations: number } {
  const n = x0.length;
  const maxIter = opts.maxIter ?? 200 * n;
  const tol = opts.tol ?? 1e-8;
  const pts: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    const xi = p[i] as number;
    p[i] = xi + (opts.step?.[i] ?? (Math.abs(xi) > 1e-8 ? 0.1 * Math.abs(xi) : 0.05));
    pts.push(p);
  }
  const vals = pts.map(f);
  const centroid = new Array<number>(n).fill(0);
  const xr = new Array<number>(n).fill(0);
  const xe = new Array<number>(n).fill(0);
  const xc = new Array<number>(n).fill(0);
  // Insertion sort keeps vertices ordered best → worst (only one vertex moves per iteration).
  const sort = () => {
    for (let i = 1; i <= n; i++) {
      const p = pts[i] as number[];
      const v = vals[i] as number;
      let j = i - 1;
      while (j >= 0 && (vals[j] as number) > v) {
        pts[j + 1] = pts[j] as number[];
        vals[j + 1] = vals[j] as number;
        j--;
      }
      pts[j + 1] = p;
      vals[j + 1] = v;
    }
  };
  const along = (t: number, out: number[]) => {
    const w = pts[n] as number[];
    for (let j = 0; j < n; j++) out[j] = (centroid[j] as number) + t * ((centroid[j] as number) - (w[j] as number));
    return out;
  };
  const replaceWorst = (x: number[], v: number) => {
    const w = pts[n] as number[];
    for (let j = 0; j < n; j++) w[j] = x[j] as number;
    vals[n] = v;
  };
  sort();
  let iter = 0;
  for (; iter < maxIter; iter++) {
    const best = vals[0] as number;
    const worst = vals[n] as number;
    if (Math.abs(worst - best) <= tol * (Math.abs(best) + 1)) break;
    centroid.fill(0);
    for (let i = 0; i < n; i++) {
      const p = pts[i] as number[];
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / n;
    }
    const fr = f(along(1, xr));
    if (fr < best) {
      const fe = f(along(2, xe));
      if (fe < fr) replaceWorst(xe, fe);
      else replaceWorst(xr, fr);
    } else if (fr < (vals[n - 1] as number)) {
      replaceWorst(xr, fr);
    } else {
      const fc = f(along(fr < worst ? 0.5 : -0.5, xc));
      if (fc < Math.min(fr, worst)) replaceWorst(xc, fc);
      else {
        // Shrink towards the best vertex.
        const b = pts[0] as number[];
        for (let i = 1; i <= n; i++) {
          const p = pts[i] as number[];
          for (let j = 0; j < n; j++) p[j] = (b[j] as number) + 0.5 * ((p[j] as number) - (b[j] as number));
          vals[i] = f(p);
        }
      }
    }
    sort();
  }
  return { x: (pts[0] as number[]).slice(), value: vals[0] as number, iterations: iter };
}
