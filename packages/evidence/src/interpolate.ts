/** Linear interpolation with end clamping, like R's approx(..., rule = 2); xs must be sorted ascending. */
export function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  const last = xs.length - 1;
  if (x <= (xs[0] as number)) return ys[0] as number;
  if (x >= (xs[last] as number)) return ys[last] as number;
  let i = 0;
  while ((xs[i + 1] as number) < x) i++;
  const x0 = xs[i] as number;
  const x1 = xs[i + 1] as number;
  const y0 = ys[i] as number;
  const y1 = ys[i + 1] as number;
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}
