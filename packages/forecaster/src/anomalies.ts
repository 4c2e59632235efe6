import { ForecastInputError } from './errors';
import { cleanValues } from './input';
import { at, median } from './stats';

// Anomalies: points far from a robust expectation (running median trend + median seasonal profile), scored
// by the modified z-score 0.6745·(r − median r)/MAD (Iglewicz & Hoaglin), so outliers cannot hide themselves.

export type Anomaly = {
  index: number;
  value: number;
  expected: number;
  lower: number;
  upper: number;
  /** Robust z-score of the residual; |score| > threshold flags the point. */
  score: number;
  direction: 'high' | 'low';
};

export type AnomalyOptions = { period?: number; threshold?: number };

export function detectAnomalies(values: (number | null)[], opts: AnomalyOptions = {}): Anomaly[] {
  const period = opts.period ?? 1;
  const threshold = opts.threshold ?? 3.5;
  if (!Number.isInteger(period) || period < 1) throw new ForecastInputError('period', 'period must be a positive integer');
  if (!(threshold > 0)) throw new ForecastInputError('threshold', 'threshold must be a positive number');
  const { y } = cleanValues(values);
  const n = y.length;
  if (n < 5) return [];
  // Two cycles wide: smooth enough that noise is not absorbed into the trend.
  const half = Math.max(3, period);
  // Windows near the ends slide inward instead of shrinking, so edge points are judged like the rest.
  const width = Math.min(n, 2 * half + 1);
  const runningMedian = (x: readonly number[]) =>
    x.map((_, t) => {
      const from = Math.min(Math.max(0, t - half), n - width);
      return median(x.slice(from, from + width));
    });
  const seasonal = new Array<number>(n).fill(0);
  if (period > 1 && n >= 2 * period) {
    const first = runningMedian(y);
    for (let p = 0; p < period; p++) {
      const vals: number[] = [];
      for (let t = p; t < n; t += period) vals.push(at(y, t) - at(first, t));
      const s = median(vals);
      for (let t = p; t < n; t += period) seasonal[t] = s;
    }
  }
  // The trend is re-estimated on seasonally adjusted data, where a running median shrugs off single spikes.
  const trend = runningMedian(y.map((v, t) => v - at(seasonal, t)));
  const expected = trend.map((v, t) => v + at(seasonal, t));
  const res = y.map((v, t) => v - at(expected, t));
  const center = median(res);
  const mad = median(res.map((r) => Math.abs(r - center)));
  // A MAD of zero (mostly flat data) falls back to the mean absolute deviation so single spikes still score.
  const spread = mad > 0 ? mad / 0.6745 : res.reduce((a, r) => a + Math.abs(r - center), 0) / n / 0.7979;
  // Rounding noise on an exactly regular series must not turn into huge scores.
  const floor = 1e-9 * (y.reduce((a, v) => a + Math.abs(v), 0) / n + 1);
  if (!(spread > floor)) return [];
  const out: Anomaly[] = [];
  for (let t = 0; t < n; t++) {
    if (values[t] === null) continue;
    const score = (at(res, t) - center) / spread;
    if (Math.abs(score) <= threshold) continue;
    const e = at(expected, t) + center;
    out.push({ index: t, value: at(y, t), expected: e, lower: e - threshold * spread, upper: e + threshold * spread, score, direction: score > 0 ? 'high' : 'low' });
  }
  return out;
}
