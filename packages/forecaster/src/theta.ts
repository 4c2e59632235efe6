import { etsForecastSd, etsPointForecast, fitEtsSpec } from './ets';
import { isSeasonal, seasonalIndices } from './seasonality';
import { at, linearTrend } from './stats';
import type { ModelForecast } from './types';

// Standard Theta method (Assimakopoulos & Nikolopoulos 2000) as Hyndman & Billah (2003) showed it:
// simple exponential smoothing with drift equal to half the linear trend slope, on seasonally adjusted data.

export function theta(y: number[], period: number, horizon: number): ModelForecast {
  const n = y.length;
  const positive = y.every((v) => v > 0);
  const seasonal = isSeasonal(y, period);
  // Multiplicative decomposition as thetaf does; additive when the data are not all positive.
  const idx = seasonal ? seasonalIndices(y, period, positive) : [];
  const adj = seasonal ? y.map((v, t) => (positive ? v / at(idx, t % period) : v - at(idx, t % period))) : y;
  const ses = fitEtsSpec(adj, 1, { error: 'A', trend: 'N', season: 'N' });
  if (!ses) throw new Error('Theta: simple exponential smoothing failed');
  const alpha = Math.max(1e-10, ses.params.alpha);
  const slope = linearTrend(adj).slope / 2;
  const base = etsPointForecast(ses, horizon);
  const sd = etsForecastSd(ses, horizon);
  const mean: number[] = [];
  const outSd: number[] = [];
  for (let h = 0; h < horizon; h++) {
    const driftTerm = slope * (h + (1 - Math.pow(1 - alpha, n)) / alpha);
    const s = seasonal ? at(idx, (n + h) % period) : positive ? 1 : 0;
    const v = at(base, h) + driftTerm;
    mean.push(seasonal ? (positive ? v * s : v + s) : v);
    outSd.push(seasonal && positive ? at(sd, h) * s : at(sd, h));
  }
  return { name: 'theta', spec: seasonal ? `Theta (seasonally adjusted, m=${period})` : 'Theta', mean, sd: outSd };
}

/**
 * Optimised Theta (after Fiorucci et al. 2016): the theta line Z = θ·x + (1−θ)·trend is smoothed by SES and
 * recombined as (1−1/θ)·trend + (1/θ)·SES(Z); θ and α are chosen by in-sample one-step squared error on a grid
 * (θ = 2 is the standard method).
 */
export function optimisedTheta(y: number[], period: number, horizon: number): ModelForecast {
  const n = y.length;
  const positive = y.every((v) => v > 0);
  const seasonal = isSeasonal(y, period);
  const idx = seasonal ? seasonalIndices(y, period, positive) : [];
  const x = seasonal ? y.map((v, t) => (positive ? v / at(idx, t % period) : v - at(idx, t % period))) : y;
  const { intercept, slope } = linearTrend(x);
  const trend = (t: number) => intercept + slope * (t + 1);
  const start = Math.min(n, 5);
  let best = { sse: Infinity, theta: 2, alpha: 0.5, level: 0, sseZ: 0 };
  for (let theta = 1; theta <= 5.0001; theta += 0.5) {
    const z = x.map((v, t) => theta * v + (1 - theta) * trend(t));
    const l0 = z.slice(0, start).reduce((a, b) => a + b, 0) / start;
    for (let alpha = 0.05; alpha < 0.999; alpha += 0.05) {
      let l = l0;
      let sse = 0;
      let sseZ = 0;
      for (let t = 0; t < n; t++) {
        const pred = (1 - 1 / theta) * trend(t) + l / theta;
        const e = at(x, t) - pred;
        sse += e * e;
        const ez = at(z, t) - l;
        sseZ += ez * ez;
        l += alpha * ez;
      }
      if (sse < best.sse) best = { sse, theta, alpha, level: l, sseZ };
    }
  }
  const { theta, alpha, level } = best;
  const sigmaZ2 = best.sseZ / Math.max(1, n - 3);
  const mean: number[] = [];
  const sd: number[] = [];
  for (let h = 0; h < horizon; h++) {
    const v = (1 - 1 / theta) * trend(n + h) + level / theta;
    const s = seasonal ? at(idx, (n + h) % period) : positive ? 1 : 0;
    const e = Math.sqrt((sigmaZ2 * (1 + h * alpha * alpha)) / (theta * theta));
    mean.push(seasonal ? (positive ? v * s : v + s) : v);
    sd.push(seasonal && positive ? e * s : e);
  }
  return { name: 'theta', spec: `Optimised Theta (θ=${theta.toFixed(1)}, α=${alpha.toFixed(2)}${seasonal ? `, m=${period}` : ''})`, mean, sd };
}
