/** Helpers to build lagged designs for time-series regressions. */
export function difference(values: readonly number[], order = 1): number[] {
  let out = values.slice();
  for (let d = 0; d < order; d++) out = out.slice(1).map((v, i) => v - (out[i] as number));
  return out;
}

/** Value of `series` at t - lag for each t in [start, end). */
export function lagged(series: readonly number[], lag: number, start: number, end: number): number[] {
  const out: number[] = [];
  for (let t = start; t < end; t++) out.push(series[t - lag] as number);
  return out;
}
