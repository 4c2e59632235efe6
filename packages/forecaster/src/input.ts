import { ForecastInputError } from './errors';

// Input checks and repair: nulls are missing values (linearly interpolated); NaN/Infinity are errors.

export function cleanValues(values: readonly (number | null)[]): { y: number[]; missing: number } {
  if (!Array.isArray(values)) throw new ForecastInputError('values', 'values must be an array of numbers');
  const known: number[] = [];
  values.forEach((v, i) => {
    if (v === null || v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ForecastInputError('values', `values[${i}] is ${String(v)}; use null for a missing value`);
    }
    known.push(i);
  });
  if (known.length === 0) throw new ForecastInputError('values', 'values must contain at least one number');
  const y = new Array<number>(values.length);
  let missing = 0;
  // One pass with the index of the next known value (k walks through `known` as i advances).
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') {
      y[i] = v;
      if (known[k] === i) k++;
      continue;
    }
    missing++;
    const next = known[k];
    const prev = k > 0 ? known[k - 1] : undefined;
    if (prev === undefined) y[i] = values[next as number] as number;
    else if (next === undefined) y[i] = values[prev] as number;
    else {
      const a = values[prev] as number;
      const b = values[next] as number;
      y[i] = a + ((b - a) * (i - prev)) / (next - prev);
    }
  }
  // Leading and trailing gaps carry the nearest known value.
  return { y, missing };
}

export function checkOptions(opts: { period: unknown; horizon: unknown; levels?: unknown }): { period: number; horizon: number; levels: number[] } {
  const { period, horizon } = opts;
  if (typeof period !== 'number' || !Number.isInteger(period) || period < 1) {
    throw new ForecastInputError('period', 'period must be a positive integer (1 for no seasonality)');
  }
  if (typeof horizon !== 'number' || !Number.isInteger(horizon) || horizon < 1) {
    throw new ForecastInputError('horizon', 'horizon must be a positive integer');
  }
  if (horizon > 10_000) throw new ForecastInputError('horizon', 'horizon must be at most 10000');
  const levels = opts.levels === undefined ? [80, 95] : opts.levels;
  if (!Array.isArray(levels) || levels.some((l) => typeof l !== 'number' || !(l > 0 && l < 100))) {
    throw new ForecastInputError('levels', 'levels must be numbers strictly between 0 and 100, e.g. [80, 95]');
  }
  return { period, horizon, levels: [...new Set(levels as number[])].sort((a, b) => a - b) };
}
