/** What every model returns: point forecasts and a forecast standard deviation per horizon step. */
export type ModelForecast = {
  /** Short family name: 'ets', 'arima', 'theta', 'snaive', 'naive', 'drift', 'trees'. */
  name: string;
  /** The fitted specification, e.g. 'ETS(M,Ad,M)' or 'ARIMA(0,1,1)(0,1,1)[12]'. */
  spec: string;
  mean: number[];
  /** Forecast standard deviation per step; intervals are mean ± z·sd unless `quantiles` is given. */
  sd: number[];
  /** Optional simulated bounds by level, for skewed (multiplicative) models. */
  bounds?: { level: number; lower: number[]; upper: number[] }[];
  /** In-sample information criterion when the model has a likelihood. */
  aicc?: number;
  /** Why a simpler model was used, when it was. */
  note?: string;
};

/** A model family: refits on any history, so backtests can reuse it unchanged. */
export type ModelFitter = (y: number[], period: number, horizon: number) => ModelForecast;

export type Interval = { level: number; lower: number[]; upper: number[] };
