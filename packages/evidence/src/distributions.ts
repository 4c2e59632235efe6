// Distribution functions come from @stdlib so p-values match R's pf/pt/pnorm closely.
import fCdf from '@stdlib/stats-base-dists-f-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Upper-tail P(F > f). */
export function fPValue(f: number, df1: number, df2: number): number {
  if (!Number.isFinite(f)) return f > 0 ? 0 : 1;
  return Math.max(0, 1 - fCdf(f, df1, df2));
}

/** Two-sided p-value of a t statistic. */
export function tPValue(t: number, df: number): number {
  return 2 * (1 - tCdf(Math.abs(t), df));
}

export function tCritical(level: number, df: number): number {
  return tQuantile(1 - (1 - level) / 2, df);
}

/** Two-sided p-value of a z statistic. */
export function zPValue(z: number): number {
  return 2 * (1 - normalCdf(Math.abs(z), 0, 1));
}

export function zCritical(level: number): number {
  return normalQuantile(1 - (1 - level) / 2, 0, 1);
}
