export { forecast } from './forecast';
export type { ForecastMethod, ForecastOptions, ForecastResult, ModelSummary, BacktestSummary } from './forecast';
export { detectAnomalies } from './anomalies';
export type { Anomaly, AnomalyOptions } from './anomalies';
export { ForecastInputError } from './errors';
export type { Interval } from './types';
export type { ModelBacktest } from './model-backtest';
