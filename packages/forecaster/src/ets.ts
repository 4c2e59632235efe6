import { nelderMead } from './optim';
import { seasonalIndices } from './seasonality';
import { at, linearTrend, mean, normalSampler, quantile } from './stats';
import type { ModelForecast } from './types';

// Exponential smoothing state-space models (Hyndman et al. 2008): error A/M, trend N/A/Ad, season N/A/M,
// estimated by maximum likelihood and selected by AICc, as R's forecast::ets does by default.

export type EtsSpec = { error: 'A' | 'M'; trend: 'N' | 'A' | 'Ad'; season: 'N' | 'A' | 'M' };

export type EtsParams = { alpha: number; beta: number; gamma: number; phi: number; l0: number; b0: number; s0: number[] };

export type EtsFit = {
  spec: EtsSpec;
  params: EtsParams;
  m: number;
  /** Data scale divided out before fitting (additive models are scale-equivariant; this keeps the optimiser well-conditioned). */
  scale: number;
  sigma2: number;
  aicc: number;
  lik: number;
  nParams: number;
  /** Final states on the scaled data. */
  level: number;
  slope: number;
  seasons: Float64Array;
  n: number;
};

/** Parameters of an earlier fit to start from (a backtest refit on a shorter history starts near the answer). */
export type EtsWarmStart = { params: EtsParams; scale: number };

export function specName(s: EtsSpec): string {
  return `ETS(${s.error},${s.trend},${s.season})`;
}

type Run = { lik: number; sse: number; level: number; slope: number; seasons: Float64Array };

const PENALTY = 1e12;

/** One pass of the state-space recursions; returns the likelihood term R minimises (n·log SSE [+ 2 Σ log|ŷ|]). */
function filter(y: Float64Array, spec: EtsSpec, m: number, p: EtsParams, seasons: Float64Array): Run | null {
  const { alpha, beta, gamma } = p;
  const phi = spec.trend === 'Ad' ? p.phi : 1;
  const hasTrend = spec.trend !== 'N';
  const seasonal = spec.season !== 'N';
  const multErr = spec.error === 'M';
  const multSeas = spec.season === 'M';
  let l = p.l0;
  let b = hasTrend ? p.b0 : 0;
  for (let i = 0; i < m; i++) seasons[i] = seasonal ? at(p.s0, i) : multSeas ? 1 : 0;
  let sse = 0;
  let logSum = 0;
  const n = y.length;
  for (let t = 0; t < n; t++) {
    const j = t % m;
    const s = seasonal ? (seasons[j] as number) : multSeas ? 1 : 0;
    const lb = l + phi * b;
    const yhat = !seasonal ? lb : multSeas ? lb * s : lb + s;
    const yt = y[t] as number;
    let e: number;
    if (multErr) {
      if (!(yhat > 0)) return null;
      e = (yt - yhat) / yhat;
      logSum += Math.log(yhat);
    } else e = yt - yhat;
    sse += e * e;
    // Error-correction updates, Hyndman et al. (2008) Table 2.3.
    if (!multErr) {
      if (multSeas) {
        l = lb + (alpha * e) / s;
        b = phi * b + (beta * e) / s;
        seasons[j] = s + (gamma * e) / lb;
      } else {
        l = lb + alpha * e;
        b = phi * b + beta * e;
        if (seasonal) seasons[j] = s + gamma * e;
      }
    } else {
      if (spec.season === 'A') {
        const q = lb + s;
        l = lb + alpha * q * e;
        b = phi * b + beta * q * e;
        seasons[j] = s + gamma * q * e;
      } else {
        l = lb * (1 + alpha * e);
        b = phi * b + beta * lb * e;
        if (multSeas) seasons[j] = s * (1 + gamma * e);
      }
    }
    if (multSeas && !(lb > 0)) return null;
    if (!Number.isFinite(l) || !Number.isFinite(b)) return null;
  }
  const lik = n * Math.log(Math.max(sse, 1e-300)) + 2 * logSum;
  return { lik, sse, level: l, slope: b, seasons };
}

function initialStates(y: Float64Array, spec: EtsSpec, m: number): { l0: number; b0: number; s0: number[] } {
  const n = y.length;
  let s0: number[] = [];
  let adjusted = Array.from(y);
  if (spec.season !== 'N') {
    const k = Math.min(Math.floor(n / m), 4);
    const head = Array.from(y.subarray(0, k * m));
    const mult = spec.season === 'M';
    s0 = seasonalIndices(head, m, mult);
    adjusted = adjusted.map((v, t) => (mult ? v / at(s0, t % m) : v - at(s0, t % m)));
  }
  const k = Math.min(n, Math.max(10, 2 * m));
  const tr = linearTrend(adjusted.slice(0, Math.min(k, n)));
  if (spec.trend === 'N') return { l0: mean(adjusted.slice(0, Math.min(k, n))), b0: 0, s0 };
  return { l0: tr.intercept, b0: tr.slope, s0 };
}

function countParams(spec: EtsSpec, m: number): number {
  let k = 2; // alpha, l0
  if (spec.trend !== 'N') k += 2; // beta, b0
  if (spec.trend === 'Ad') k += 1;
  if (spec.season !== 'N') k += 1 + (m - 1);
  return k + 1; // sigma
}

/** Fits one ETS specification by maximum likelihood. Returns null if no admissible fit was found. */
export function fitEtsSpec(values: readonly number[], m: number, spec: EtsSpec, warm?: EtsWarmStart, screen = false): EtsFit | null {
  const n = values.length;
  const scale = mean(values.map(Math.abs)) || 1;
  const y = Float64Array.from(values, (v) => v / scale);
  const mm = spec.season === 'N' ? 1 : m;
  const init = initialStates(y, spec, mm);
  const hasTrend = spec.trend !== 'N';
  const damped = spec.trend === 'Ad';
  const seasonal = spec.season !== 'N';
  const nParams = countParams(spec, mm);
  if (nParams >= n - 1) return null;
  const seasons = new Float64Array(mm);
  // Parameter vector: alpha, [beta], [gamma], [phi], l0, [b0].
  const unpack = (x: number[]): EtsParams => {
    let i = 0;
    const alpha = x[i++] as number;
    const beta = hasTrend ? (x[i++] as number) : 0;
    const gamma = seasonal ? (x[i++] as number) : 0;
    const phi = damped ? (x[i++] as number) : 1;
    const l0 = x[i++] as number;
    const b0 = hasTrend ? (x[i++] as number) : 0;
    return { alpha, beta, gamma, phi, l0, b0, s0: init.s0 };
  };
  const objective = (x: number[]): number => {
    const p = unpack(x);
    // Usual bounds of forecast::ets: 0<β<α<1, 0<γ<1−α, 0.8≤φ≤0.98.
    if (p.alpha <= 1e-4 || p.alpha >= 0.9999) return PENALTY;
    if (hasTrend && (p.beta <= 1e-4 || p.beta >= p.alpha)) return PENALTY;
    if (seasonal && (p.gamma <= 1e-4 || p.gamma >= 1 - p.alpha)) return PENALTY;
    if (damped && (p.phi < 0.8 || p.phi > 0.98)) return PENALTY;
    const r = filter(y, spec, mm, p, seasons);
    return r ? r.lik : PENALTY;
  };
  const x0: number[] = [seasonal ? 0.2 : 0.5];
  const steps: number[] = [0.1];
  if (hasTrend) {
    x0.push(0.05);
    steps.push(0.03);
  }
  if (seasonal) {
    x0.push(0.05);
    steps.push(0.03);
  }
  if (damped) {
    x0.push(0.95);
    steps.push(0.01);
  }
  x0.push(init.l0);
  steps.push(Math.max(0.01, Math.abs(init.l0) * 0.05));
  if (hasTrend) {
    x0.push(init.b0);
    steps.push(Math.max(0.005, Math.abs(init.b0) * 0.3));
  }
  let best;
  if (warm) {
    const w = warm.params;
    const r = warm.scale / scale;
    const start = [w.alpha];
    if (hasTrend) start.push(w.beta);
    if (seasonal) start.push(w.gamma);
    if (damped) start.push(w.phi);
    start.push(w.l0 * r);
    if (hasTrend) start.push(w.b0 * r);
    best = nelderMead(objective, start, { step: steps.map((s) => s / 2), maxIter: 200, tol: 1e-6 });
  } else if (screen) {
    best = nelderMead(objective, x0, { step: steps, maxIter: 120, tol: 1e-5 });
  } else {
    best = nelderMead(objective, x0, { step: steps, maxIter: 300, tol: 1e-6 });
    // One restart from the optimum escapes most premature simplex collapses.
    best = nelderMead(objective, best.x, { step: steps.map((s) => s / 2), maxIter: 150, tol: 1e-7 });
  }
  if (best.value >= PENALTY) return null;
  const params = unpack(best.x);
  const run = filter(y, spec, mm, params, new Float64Array(mm));
  if (!run) return null;
  const k = nParams;
  const aicc = run.lik + 2 * k + (2 * k * (k + 1)) / Math.max(1, n - k - 1) + 2 * n * Math.log(scale);
  return {
    spec,
    params,
    m: mm,
    scale,
    // Like forecast::ets: residual variance on n minus the estimated parameters (sigma itself not counted).
    sigma2: run.sse / Math.max(1, n - (k - 1)),
    aicc,
    lik: run.lik,
    nParams: k,
    level: run.level,
    slope: run.slope,
    seasons: Float64Array.from(run.seasons),
    n,
  };
}

/** Point forecasts from the final state (the "mean" R reports: the deterministic path). */
export function etsPointForecast(fit: EtsFit, horizon: number): number[] {
  const { spec, params, m } = fit;
  const phi = spec.trend === 'Ad' ? params.phi : 1;
  const out: number[] = [];
  let phiSum = 0;
  for (let h = 1; h <= horizon; h++) {
    phiSum += spec.trend === 'N' ? 0 : Math.pow(phi, h);
    const lb = fit.level + phiSum * fit.slope;
    const s = spec.season === 'N' ? 0 : at(fit.seasons, (fit.n + h - 1) % m);
    const v = spec.season === 'N' ? lb : spec.season === 'M' ? lb * s : lb + s;
    out.push(v * fit.scale);
  }
  return out;
}

/** Forecast variance: closed form for additive-error linear models (class 1), simulation otherwise. */
export function etsForecastSd(fit: EtsFit, horizon: number): number[] {
  const { spec, params, m } = fit;
  if (spec.error === 'A' && spec.season !== 'M') {
    const phi = spec.trend === 'Ad' ? params.phi : 1;
    const out: number[] = [];
    let acc = 1;
    let phiJ = 0;
    for (let h = 1; h <= horizon; h++) {
      out.push(Math.sqrt(fit.sigma2 * acc) * fit.scale);
      // c_j for the next step: α + β·φ_j (+ γ when j is a multiple of m).
      phiJ += spec.trend === 'N' ? 0 : Math.pow(phi, h);
      let c = params.alpha + (spec.trend === 'N' ? 0 : params.beta * (spec.trend === 'Ad' ? phiJ : h));
      if (spec.season === 'A' && h % m === 0) c += params.gamma;
      acc += c * c;
    }
    return out;
  }
  return simulateSd(fit, horizon, 600).sd;
}

/** Simulated future sample paths from the final state; used for interval widths of nonlinear models. */
export function simulateSd(fit: EtsFit, horizon: number, paths: number): { sd: number[]; q: (p: number) => number[] } {
  const { spec, params, m } = fit;
  const phi = spec.trend === 'Ad' ? params.phi : 1;
  const sigma = Math.sqrt(fit.sigma2);
  const draw = normalSampler(42);
  const sims: Float64Array[] = Array.from({ length: horizon }, () => new Float64Array(paths));
  const seasons = new Float64Array(m);
  for (let p = 0; p < paths; p++) {
    let l = fit.level;
    let b = fit.slope;
    seasons.set(fit.seasons);
    for (let h = 0; h < horizon; h++) {
      const j = (fit.n + h) % m;
      const s = spec.season === 'N' ? 0 : (seasons[j] as number);
      const lb = l + phi * b;
      const yhat = spec.season === 'N' ? lb : spec.season === 'M' ? lb * s : lb + s;
      const e = sigma * draw();
      const yt = spec.error === 'M' ? yhat * (1 + e) : yhat + e;
      (sims[h] as Float64Array)[p] = yt * fit.scale;
      if (spec.error === 'A') {
        if (spec.season === 'M') {
          l = lb + (params.alpha * e) / s;
          b = phi * b + (params.beta * e) / s;
          seasons[j] = s + (params.gamma * e) / lb;
        } else {
          l = lb + params.alpha * e;
          b = phi * b + params.beta * e;
          if (spec.season === 'A') seasons[j] = s + params.gamma * e;
        }
      } else if (spec.season === 'A') {
        const q = lb + s;
        l = lb + params.alpha * q * e;
        b = phi * b + params.beta * q * e;
        seasons[j] = s + params.gamma * q * e;
      } else {
        l = lb * (1 + params.alpha * e);
        b = phi * b + params.beta * lb * e;
        if (spec.season === 'M') seasons[j] = s * (1 + params.gamma * e);
      }
    }
  }
  const sd = sims.map((col) => {
    let mu = 0;
    for (const v of col) mu += v;
    mu /= col.length;
    let s = 0;
    for (const v of col) s += (v - mu) * (v - mu);
    return Math.sqrt(s / (col.length - 1));
  });
  return { sd, q: (pr: number) => sims.map((col) => quantile(Array.from(col), pr)) };
}

/** The specifications forecast::ets considers by default (no multiplicative trend, no A-error with M-season). */
export function candidateSpecs(values: readonly number[], m: number): EtsSpec[] {
  const positive = values.every((v) => v > 0);
  const seasonalOk = m > 1 && values.length >= 2 * m;
  const out: EtsSpec[] = [];
  for (const error of ['A', 'M'] as const) {
    if (error === 'M' && !positive) continue;
    for (const trend of ['N', 'A', 'Ad'] as const) {
      for (const season of seasonalOk ? (['N', 'A', 'M'] as const) : (['N'] as const)) {
        if (season === 'M' && (!positive || error === 'A')) continue;
        out.push({ error, trend, season });
      }
    }
  }
  return out;
}

/**
 * Automatic ETS: screen every admissible specification with a short optimisation, fit the three with the lowest
 * AICc fully, and keep the best (the full fit of all fifteen picks the same model on the reference series at
 * twice the cost).
 */
export function autoEts(values: readonly number[], m: number, specs = candidateSpecs(values, m)): EtsFit | null {
  const screened = specs
    .map((spec) => fitEtsSpec(values, m, spec, undefined, true))
    .filter((f): f is EtsFit => f !== null)
    .sort((a, b) => a.aicc - b.aicc);
  let best: EtsFit | null = null;
  for (const s of screened.slice(0, 3)) {
    const fit = fitEtsSpec(values, m, s.spec) ?? s;
    if (!best || fit.aicc < best.aicc) best = fit;
  }
  return best;
}

export function etsForecast(fit: EtsFit, horizon: number): ModelForecast {
  return { name: 'ets', spec: specName(fit.spec), mean: etsPointForecast(fit, horizon), sd: etsForecastSd(fit, horizon), aicc: fit.aicc };
}

/** ModelFitter for automatic ETS; falls back to simple exponential smoothing on tiny series. */
export function ets(y: number[], period: number, horizon: number): ModelForecast {
  const fit = autoEts(y, period) ?? fitEtsSpec(y, 1, { error: 'A', trend: 'N', season: 'N' });
  if (!fit) throw new Error('ETS could not be fitted');
  const out = etsForecast(fit, horizon);
  if (period > 1 && y.length < 2 * period) out.note = 'fewer than two seasons: non-seasonal ETS';
  return out;
}
