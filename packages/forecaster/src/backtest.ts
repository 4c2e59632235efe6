import { seasonalNaiveMae } from './metrics';
import type { FittedCandidate } from './models';
import type { ModelForecast } from './types';

// Rolling-origin evaluation: refit each model's chosen specification on shorter histories and forecast ahead.

export type Origin = { end: number; actual: number[]; scale: number; forecasts: Map<string, ModelForecast> };

/** Training-set end points, newest first, each followed by a full backtest horizon. */
export function originEnds(n: number, period: number, horizon: number, maxOrigins: number): { ends: number[]; horizon: number } {
  const minTrain = Math.max(period > 1 ? 2 * period + 2 : 6, 6);
  const h = Math.min(horizon, n - minTrain);
  if (h < 1) return { ends: [], horizon: 0 };
  const step = Math.max(1, Math.ceil(h / 2));
  const ends: number[] = [];
  for (let j = 0; j < maxOrigins; j++) {
    const end = n - h - j * step;
    if (end < minTrain) break;
    ends.push(end);
  }
  return { ends, horizon: h };
}

export function runBacktest(y: number[], period: number, horizon: number, fitted: Map<string, FittedCandidate>, maxOrigins: number): { origins: Origin[]; horizon: number } {
  const { ends, horizon: h } = originEnds(y.length, period, horizon, maxOrigins);
  const origins: Origin[] = [];
  for (const end of ends) {
    const train = y.slice(0, end);
    const scale = seasonalNaiveMae(train, period);
    const forecasts = new Map<string, ModelForecast>();
    for (const [name, f] of fitted) {
      try {
        const fc = f.refit(train, h);
        if (fc.mean.every(Number.isFinite)) forecasts.set(name, fc);
      } catch {
        // A model that cannot be refitted on a shorter history simply has no score at this origin.
      }
    }
    origins.push({ end, actual: y.slice(end, end + h), scale: scale > 0 ? scale : 1, forecasts });
  }
  return { origins, horizon: h };
}
