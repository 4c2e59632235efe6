import { z } from 'zod';

// Demand under uncertainty as a small set of weighted scenarios, built from what the forecasting
// engine returns (mean + central intervals per step) or from scenarios the caller lists.

/** The forecasting engine's output shape. */
export const forecastSchema = z
  .object({
    mean: z.array(z.number().finite().nonnegative()).min(1).max(2_000),
    intervals: z
      .array(
        z.object({
          level: z.number().gt(0).lt(1),
          lower: z.array(z.number().finite()),
          upper: z.array(z.number().finite()),
        }),
      )
      .max(10),
  })
  .superRefine((f, ctx) => {
    f.intervals.forEach((iv, k) => {
      if (iv.lower.length !== f.mean.length) ctx.addIssue({ code: 'custom', path: ['intervals', k, 'lower'], message: `must have ${f.mean.length} values, like mean` });
      if (iv.upper.length !== f.mean.length) ctx.addIssue({ code: 'custom', path: ['intervals', k, 'upper'], message: `must have ${f.mean.length} values, like mean` });
      iv.lower.forEach((lo, t) => {
        const hi = iv.upper[t];
        if (hi !== undefined && lo > hi) ctx.addIssue({ code: 'custom', path: ['intervals', k, 'lower', t], message: 'lower bound exceeds upper bound' });
      });
    });
  });

export type ForecastQuantiles = z.infer<typeof forecastSchema>;

export interface Scenarios {
  readonly values: number[];
  readonly probs: number[];
}

/** Known points of one step's quantile function: (probability, value), increasing in both. */
function quantilePoints(f: ForecastQuantiles, t: number): Array<[number, number]> {
  const pts: Array<[number, number]> = [[0.5, f.mean[t] ?? 0]];
  for (const iv of f.intervals) {
    pts.push([(1 - iv.level) / 2, iv.lower[t] ?? 0], [(1 + iv.level) / 2, iv.upper[t] ?? 0]);
  }
  pts.sort((a, b) => a[0] - b[0]);
  // Forecast intervals may not nest perfectly; keep the quantile function non-decreasing.
  for (let i = 1; i < pts.length; i++) {
    const prev = pts[i - 1];
    const cur = pts[i];
    if (prev && cur && cur[1] < prev[1]) cur[1] = prev[1];
  }
  return pts;
}

/** Quantile p of step t, interpolated linearly between known points and extrapolated from the outermost pair. */
export function forecastQuantile(f: ForecastQuantiles, t: number, p: number): number {
  const pts = quantilePoints(f, t);
  if (pts.length === 1) return Math.max(0, pts[0]?.[1] ?? 0);
  let i = 1;
  while (i < pts.length - 1 && (pts[i]?.[0] ?? 1) < p) i++;
  const [p0, v0] = pts[i - 1] ?? [0, 0];
  const [p1, v1] = pts[i] ?? [1, 0];
  const value = p1 === p0 ? v1 : v0 + ((v1 - v0) * (p - p0)) / (p1 - p0);
  return Math.max(0, value);
}

/**
 * Equal-weight scenarios of the total demand over `steps`, at probabilities (k − ½)/count.
 * Steps are summed quantile by quantile (a bad day tends to come with bad days), which errs on the safe side.
 */
export function scenariosFromForecast(f: ForecastQuantiles, steps: readonly number[], count: number): Scenarios {
  if (f.intervals.length === 0) return pointScenario(steps.reduce((s, t) => s + (f.mean[t] ?? 0), 0));
  const values: number[] = [];
  for (let k = 0; k < count; k++) {
    const p = (k + 0.5) / count;
    values.push(steps.reduce((s, t) => s + forecastQuantile(f, t, p), 0));
  }
  return { values, probs: values.map(() => 1 / count) };
}

export function pointScenario(value: number): Scenarios {
  return { values: [value], probs: [1] };
}

export function expectation(s: Scenarios, fn: (value: number) => number): number {
  let total = 0;
  s.values.forEach((v, k) => (total += (s.probs[k] ?? 0) * fn(v)));
  return total;
}

export function scenarioMean(s: Scenarios): number {
  return expectation(s, (v) => v);
}

/** Smallest scenario value whose cumulative probability reaches p. */
export function scenarioQuantile(s: Scenarios, p: number): number {
  const order = s.values.map((v, k) => [v, s.probs[k] ?? 0] as const).sort((a, b) => a[0] - b[0]);
  let cum = 0;
  for (const [v, q] of order) {
    cum += q;
    if (cum >= p - 1e-12) return v;
  }
  return order[order.length - 1]?.[0] ?? 0;
}
