import { arimaForecast, autoArima, fitArimaOrder } from './arima';
import { autoEts, etsForecast, fitEtsSpec } from './ets';
import { drift, naive, snaive } from './naive';
import { optimisedTheta, theta } from './theta';
import { trees } from './trees';
import type { ModelForecast } from './types';

// The candidate families behind forecast(). Each full fit (with order/spec selection) also returns a cheap
// `refit` that re-estimates the same specification on another history, which is what backtests use.

export type FittedCandidate = { forecast: ModelForecast; refit: (y: number[], horizon: number) => ModelForecast };
export type Candidate = { name: string; fit: (y: number[], period: number, horizon: number) => FittedCandidate };

const stateless = (name: string, f: (y: number[], period: number, horizon: number) => ModelForecast): Candidate => ({
  name,
  fit: (y, period, horizon) => ({ forecast: f(y, period, horizon), refit: (y2, h2) => f(y2, period, h2) }),
});

export const etsCandidate: Candidate = {
  name: 'ets',
  fit: (y, period, horizon) => {
    const fit = autoEts(y, period) ?? fitEtsSpec(y, 1, { error: 'A', trend: 'N', season: 'N' });
    if (!fit) throw new Error('ETS could not be fitted');
    return {
      forecast: etsForecast(fit, horizon),
      refit: (y2, h2) => etsForecast(fitEtsSpec(y2, fit.m, fit.spec, fit) ?? fit, h2),
    };
  },
};

export const arimaCandidate: Candidate = {
  name: 'arima',
  fit: (y, period, horizon) => {
    const fit = autoArima(y, period) ?? fitArimaOrder(y, { p: 0, d: 1, q: 0, P: 0, D: 0, Q: 0, m: 1, constant: false });
    if (!fit) throw new Error('ARIMA could not be fitted');
    return {
      forecast: arimaForecast(fit, horizon),
      refit: (y2, h2) => arimaForecast(fitArimaOrder(y2, fit.order, fit.raw) ?? fit, h2),
    };
  },
};

export const thetaCandidate = stateless('theta', theta);
export const otmCandidate = stateless('otm', optimisedTheta);
export const snaiveCandidate = stateless('snaive', snaive);
export const naiveCandidate = stateless('naive', naive);
export const driftCandidate = stateless('drift', drift);
export const treesCandidate = stateless('trees', trees);
