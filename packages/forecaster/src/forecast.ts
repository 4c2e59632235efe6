import { runBacktest, type Origin } from './backtest';
import { backtestScores, combine, weightsFrom, type Strategy } from './ensemble';
import { ForecastInputError } from './errors';
import { checkOptions, cleanValues } from './input';
import { conformalFactor, nestIntervals, normalIntervals } from './intervals';
import { fitFourier } from './fourier';
import { coverage, mape, mase, smape, winkler } from './metrics';
import {
  arimaCandidate, driftCandidate, otmCandidate, etsCandidate, naiveCandidate, snaiveCandidate, thetaCandidate, treesCandidate,
  type Candidate, type FittedCandidate,
} from './models';
import { modelBacktests, type ModelBacktest } from './model-backtest';
import { at, mean, zForLevel } from './stats';
import type { Interval, ModelForecast } from './types';

export type ForecastMethod = 'auto' | 'ensemble' | 'ets' | 'arima' | 'theta' | 'snaive' | 'trees';
export type ForecastOptions = { period: number; horizon: number; levels?: number[]; method?: ForecastMethod };
/** `backtest`: the model's own rolling-origin accuracy with its model-based intervals (null without a backtest). */
export type ModelSummary = { name: string; spec: string; weight: number; backtest: ModelBacktest | null; note?: string };
export type BacktestSummary = {
  mase: number;
  smape: number;
  /** Undefined (null) when an actual value was zero. */
  mape: number | null;
  /** Share of backtest actuals inside the interval, by level ("80", "95"). */
  coverage: Record<string, number>;
  winkler: Record<string, number>;
  origins: number;
  horizon: number;
};
export type ForecastResult = {
  mean: number[];
  intervals: Interval[];
  method: string;
  models: ModelSummary[];
  backtest: BacktestSummary;
  notes: string[];
};

const METHODS: readonly ForecastMethod[] = ['auto', 'ensemble', 'ets', 'arima', 'theta', 'snaive', 'trees'];
const SINGLE: Record<string, Candidate> = { ets: etsCandidate, arima: arimaCandidate, theta: thetaCandidate, snaive: snaiveCandidate, trees: treesCandidate };
const MAX_ORIGINS = 4;
const MAX_HISTORY = 5000;
/** How 'auto' turns backtest scores into weights (chosen on rolling-origin validation of public series). */
export const AUTO_STRATEGY: Strategy = 'best';

export function forecast(values: (number | null)[], opts: ForecastOptions): ForecastResult {
  return forecastWith(values, opts, AUTO_STRATEGY);
}

/** forecast() with the 'auto' weighting strategy as a parameter, for validation experiments. */
export function forecastWith(values: (number | null)[], opts: ForecastOptions, autoStrategy: Strategy): ForecastResult {
  const { period, horizon, levels } = checkOptions(opts ?? ({} as ForecastOptions));
  const method = opts.method ?? 'auto';
  if (!METHODS.includes(method)) throw new ForecastInputError('method', `method must be one of ${METHODS.join(', ')}`);
  const cleaned = cleanValues(values);
  const notes: string[] = [];
  // Very long histories add fitting time but little accuracy: keep the most recent MAX_HISTORY points.
  const y = cleaned.y.length > MAX_HISTORY ? cleaned.y.slice(-MAX_HISTORY) : cleaned.y;
  if (y.length < cleaned.y.length) notes.push(`only the most recent ${MAX_HISTORY} of ${cleaned.y.length} values were used`);
  const missing = cleaned.missing;
  if (missing > 0) notes.push(`${missing} missing value(s) filled by linear interpolation`);
  if (horizon > y.length) notes.push('horizon is longer than the history: far-ahead values are extrapolation');
  if (y.every((v) => v === y[0])) return constantForecast(y, horizon, levels, notes);

  let m = period;
  if (period > 1 && y.length < 2 * period) {
    m = 1;
    notes.push(`fewer than two full seasons (${y.length} < ${2 * period}): seasonality ignored, non-seasonal models used`);
  }
  const long = longSeasons(m, y.length);
  if (!long) return core(y, m, horizon, levels, method, notes, autoStrategy);
  notes.push(long.note);
  // Models and their backtest see the series without the Fourier seasons; the component is added back at the end.
  const fourier = fitFourier(y, long.seasons);
  const adjusted = y.map((v, t) => v - fourier.component(t));
  const r = core(adjusted, long.modelPeriod, horizon, levels, method, notes, autoStrategy);
  const future = r.mean.map((_, h) => fourier.component(y.length + h));
  const shift = (x: number[]) => x.map((v, h) => v + at(future, h));
  return { ...r, mean: shift(r.mean), intervals: r.intervals.map((iv) => ({ level: iv.level, lower: shift(iv.lower), upper: shift(iv.upper) })) };
}

/**
 * Seasons too long for seasonal states (period > 24, e.g. 52 weekly or 365 daily) and the yearly cycle of
 * daily data (period 7 with two years of history) are handled by Fourier terms; the models see the rest.
 */
function longSeasons(period: number, n: number): { seasons: { period: number; harmonics: number }[]; modelPeriod: number; note: string } | null {
  if (period > 24) {
    const harmonics = Math.min(10, Math.floor(period / 2));
    return { seasons: [{ period, harmonics }], modelPeriod: 1, note: `period ${period} modelled with ${harmonics} Fourier harmonics` };
  }
  if (period === 7 && n >= 2 * 365) {
    return { seasons: [{ period: 365.25, harmonics: 6 }], modelPeriod: 7, note: 'daily data: weekly seasonality in the models, yearly seasonality as 6 Fourier harmonics' };
  }
  return null;
}

function core(y: number[], m: number, horizon: number, levels: number[], method: ForecastMethod, notes: string[], autoStrategy: Strategy): ForecastResult {
  let candidates: Candidate[];
  if (y.length < 4) {
    notes.push('very short series: naive forecast only');
    candidates = [naiveCandidate];
  } else if (method === 'auto') {
    // The boosted trees lose to the statistical models in rolling-origin validation on short business series,
    // so 'auto' leaves them to the ensemble and to explicit requests.
    candidates = [etsCandidate, arimaCandidate, thetaCandidate, m > 1 ? snaiveCandidate : driftCandidate];
  } else if (method === 'ensemble') {
    candidates = [etsCandidate, arimaCandidate, thetaCandidate, otmCandidate, m > 1 ? snaiveCandidate : driftCandidate, treesCandidate];
  } else candidates = [SINGLE[method] as Candidate];

  const fitted = new Map<string, FittedCandidate>();
  for (const c of candidates) {
    try {
      const f = c.fit(y, m, horizon);
      if (f.forecast.mean.every(Number.isFinite)) fitted.set(c.name, f);
    } catch {
      notes.push(`${c.name} could not be fitted and was left out`);
    }
  }
  if (fitted.size === 0) {
    fitted.set('naive', naiveCandidate.fit(y, m, horizon));
    notes.push('falling back to the naive forecast');
  }
  const names = [...fitted.keys()];
  const { origins, horizon: bh } = runBacktest(y, m, horizon, fitted, MAX_ORIGINS);
  const combined = names.length > 1;
  const strategy: Strategy = method === 'ensemble' ? 'inverse2' : autoStrategy;
  const weightsFor = (subset: readonly Origin[]) => {
    // Picking one winner needs evidence: with fewer than three origins, spread the weight by 1/MASE² instead.
    const s: Strategy = strategy === 'best' && subset.length < 3 ? 'inverse2' : strategy;
    const w = subset.length > 0 ? weightsFrom(backtestScores(subset, names), s) : new Map<string, number>();
    return w.size > 0 ? w : new Map(names.map((n) => [n, 1 / names.length]));
  };
  const weights = combined ? weightsFor(origins) : new Map([[names[0] as string, 1]]);
  const finals = new Map([...fitted].map(([n, f]) => [n, f.forecast]));
  const { mean: point, sd } = combine(finals, weights, horizon);

  // Backtest of the whole procedure: weights and interval factors for each origin come from the other origins only.
  const usable = origins.filter((o) => names.every((n) => o.forecasts.has(n)));
  const perOrigin = usable.map((o, k) => {
    const w = combined ? weightsFor(usable.filter((_, j) => j !== k)) : weights;
    return { o, fc: combine(o.forecasts, w, o.actual.length) };
  });
  const scoresOf = (list: typeof perOrigin) =>
    list.flatMap(({ o, fc }) => o.actual.map((a, i) => (at(fc.sd, i) > 0 ? Math.abs(a - at(fc.mean, i)) / at(fc.sd, i) : 0)));
  // Ensembles have no likelihood of their own and the trees' in-sample residuals are optimistic: both get
  // intervals calibrated on backtest errors. ETS, ARIMA, Theta and seasonal naive keep their model intervals.
  const calibrate = combined || names[0] === 'trees';
  const allScores = scoresOf(perOrigin);
  const factor = (lvl: number, s: number[]) => (calibrate ? conformalFactor(s, lvl) : 1);
  const intervals = nestIntervals(point, normalIntervals(point, sd, levels, (lvl) => factor(lvl, allScores)));

  const bt = summarise(perOrigin.map(({ o, fc }, k) => {
    const otherScores = scoresOf(perOrigin.filter((_, j) => j !== k));
    return { o, fc, factor: (lvl: number) => factor(lvl, otherScores) };
  }), levels, bh);

  const accuracy = modelBacktests(origins, names, levels);
  const models: ModelSummary[] = names.map((n) => {
    const f = finals.get(n) as ModelForecast;
    const s = accuracy.get(n);
    const summary: ModelSummary = { name: n, spec: f.spec, weight: weights.get(n) ?? 0, backtest: s && Number.isFinite(s.mase) ? s : null };
    if (f.note) summary.note = f.note;
    return summary;
  });
  if (origins.length === 0) notes.push('series too short for a rolling-origin backtest: accuracy unknown');
  const label = combined ? (method === 'auto' ? 'auto' : 'ensemble') : (names[0] as string);
  return { mean: point, intervals, method: label, models, backtest: bt, notes };
}

function summarise(rows: { o: Origin; fc: { mean: number[]; sd: number[] }; factor: (lvl: number) => number }[], levels: number[], horizon: number): BacktestSummary {
  const cov: Record<string, number> = {};
  const wink: Record<string, number> = {};
  if (rows.length === 0) {
    for (const l of levels) {
      cov[String(l)] = NaN;
      wink[String(l)] = NaN;
    }
    return { mase: NaN, smape: NaN, mape: null, coverage: cov, winkler: wink, origins: 0, horizon: 0 };
  }
  const mapes = rows.map(({ o, fc }) => mape(o.actual, fc.mean));
  for (const l of levels) {
    const c: number[] = [];
    const w: number[] = [];
    for (const { o, fc, factor } of rows) {
      const z = zForLevel(l) * factor(l);
      const lo = fc.mean.map((v, i) => v - z * at(fc.sd, i));
      const hi = fc.mean.map((v, i) => v + z * at(fc.sd, i));
      c.push(coverage(o.actual, lo, hi));
      w.push(winkler(o.actual, lo, hi, l));
    }
    cov[String(l)] = mean(c);
    wink[String(l)] = mean(w);
  }
  return {
    mase: mean(rows.map(({ o, fc }) => mase(o.actual, fc.mean, o.scale))),
    smape: mean(rows.map(({ o, fc }) => smape(o.actual, fc.mean))),
    mape: mapes.every(Number.isFinite) ? mean(mapes) : null,
    coverage: cov,
    winkler: wink,
    origins: rows.length,
    horizon,
  };
}

function constantForecast(y: number[], horizon: number, levels: number[], notes: string[]): ForecastResult {
  const v = y[0] as number;
  const flat = new Array<number>(horizon).fill(v);
  notes.push('constant series: forecast is the constant value with zero-width intervals');
  const cov: Record<string, number> = {};
  const wink: Record<string, number> = {};
  for (const l of levels) {
    cov[String(l)] = 1;
    wink[String(l)] = 0;
  }
  return {
    mean: flat,
    intervals: levels.map((level) => ({ level, lower: flat.slice(), upper: flat.slice() })),
    method: 'constant',
    models: [{ name: 'naive', spec: 'constant', weight: 1, backtest: null }],
    backtest: { mase: 0, smape: 0, mape: v === 0 ? null : 0, coverage: cov, winkler: wink, origins: 0, horizon: 0 },
    notes,
  };
}
