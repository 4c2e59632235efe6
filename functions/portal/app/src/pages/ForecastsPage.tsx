import { useState } from 'preact/hooks';
import { LineChart } from '../components/LineChart';
import { LoadState } from '../components/LoadState';
import { MetricSelect } from '../components/MetricSelect';
import { dayOffset, formatDay, formatValue } from '../format';
import { type Forecast, fetchAnomalies, requestForecast } from '../forecasts';
import { useAction, useLoad } from '../load';
import { type MetricDefinition, type QueryResult, fetchCatalog, queryMetric } from '../metrics';
import { ErrorAlert, SubmitButton } from '../components/ActionParts';

const HORIZONS = [
  { days: 14, label: 'Next 2 weeks' },
  { days: 28, label: 'Next 4 weeks' },
  { days: 56, label: 'Next 8 weeks' },
];

interface Outcome {
  forecast: Forecast;
  history: QueryResult;
  unit: string;
  label: string;
}

/** A forecast an owner can lean on: the range as well as the line, and how well the same method did on the past. */
export function ForecastsPage() {
  const [catalog, reloadCatalog] = useLoad(fetchCatalog, []);
  return (
    <LoadState loaded={catalog} onRetry={reloadCatalog} what="the metric catalog">
      {(metrics) => <ForecastWorkbench metrics={metrics.filter((m) => m.aggregation !== 'last')} />}
    </LoadState>
  );
}

function ForecastWorkbench({ metrics }: { metrics: MetricDefinition[] }) {
  const [metric, setMetric] = useState('revenue');
  const [horizon, setHorizon] = useState(28);
  const { pending, error, result: outcome, run: start } = useAction<Outcome>();
  const definition = metrics.find((m) => m.name === metric);

  const run = () =>
    start(async () => {
      const [forecast, history] = await Promise.all([
        requestForecast({ metric, horizon, levels: [80, 95] }),
        queryMetric({ metric, from: dayOffset(56), to: dayOffset(1), bucket: 'day' }),
      ]);
      return { forecast, history, unit: history.unit, label: definition?.label ?? metric };
    });

  return (
    <>
      <form
        class="toolbar"
        aria-label="Forecast"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          Metric
          <MetricSelect metrics={metrics} value={metric} onChange={setMetric} />
        </label>
        <label>
          Horizon
          <select value={horizon} onChange={(e) => setHorizon(Number(e.currentTarget.value))}>
            {HORIZONS.map((h) => (
              <option key={h.days} value={h.days}>
                {h.label}
              </option>
            ))}
          </select>
        </label>
        <div class="form-actions">
          <SubmitButton pending={pending} label="Forecast" pendingLabel="Forecasting…" />
        </div>
      </form>
      <ErrorAlert message={error} />
      {pending && (
        <p class="muted" role="status">
          Fitting several models and testing each on your past data…
        </p>
      )}
      {outcome && <ForecastResult outcome={outcome} />}
      <Anomalies metric={metric} label={definition?.label ?? metric} unit={definition?.unit ?? ''} />
    </>
  );
}

function ForecastResult({ outcome }: { outcome: Outcome }) {
  const { forecast, history, unit, label } = outcome;
  const past = history.series[0]?.points ?? [];
  const ahead = forecast.points;
  const buckets = [...past.map((p) => p.bucket), ...ahead.map((p) => p.time ?? `step ${p.step}`)];
  const gap = (n: number) => Array<null>(n).fill(null);
  const total = ahead.reduce((sum, p) => sum + p.mean, 0);
  const backtest = forecast.backtest;
  return (
    <section class="panel" aria-labelledby="forecast-title">
      <div class="panel__head">
        <h2 id="forecast-title">
          {label}: the next {forecast.horizon} days
        </h2>
        <p class="panel__figure">{formatValue(total, unit)} expected in total</p>
      </div>
      <LineChart
        title={`${label} forecast`}
        unit={unit}
        buckets={buckets}
        series={[
          { label: 'Actual', values: [...past.map((p) => p.value), ...gap(ahead.length)] },
          { label: 'Forecast', values: [...gap(past.length), ...ahead.map((p) => p.mean)], style: 'comparison' },
        ]}
        band={{ label: '80% of days should fall in the shaded range', lower: [...gap(past.length), ...ahead.map((p) => p.lower['80'] ?? null)], upper: [...gap(past.length), ...ahead.map((p) => p.upper['80'] ?? null)] }}
      />
      {backtest && (
        <div class="facts">
          <p>
            <strong>Tested on your past data</strong> ({backtest.origins} trial runs, {backtest.horizon} steps each):{' '}
            {backtest.mase !== null && (backtest.mase < 1 ? `errors ${Math.round((1 - backtest.mase) * 100)}% smaller than repeating last week` : `errors ${Math.round((backtest.mase - 1) * 100)}% larger than repeating last week`)}
            {backtest.mape !== null && `, typically off by ${backtest.mape.toFixed(1)}%`}.
          </p>
          <p>
            {Object.entries(backtest.coverage)
              .filter(([, share]) => share !== null)
              .map(([level, share]) => `${level}% ranges held ${Math.round(share! * 100)}% of the time`)
              .join('; ')}
            .
          </p>
          <p class="muted">
            Method: {forecast.method.used ?? forecast.method.requested}
            {forecast.models.length > 1 && ` (${forecast.models.filter((m) => m.weight > 0).map((m) => `${m.spec} ${Math.round(m.weight * 100)}%`).join(', ')})`}
          </p>
        </div>
      )}
      {forecast.notes.length > 0 && (
        <ul class="notes">
          {forecast.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <details>
        <summary>Show the numbers</summary>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Expected</th>
              <th scope="col">80% range</th>
              <th scope="col">95% range</th>
            </tr>
          </thead>
          <tbody>
            {ahead.map((p) => (
              <tr key={p.step}>
                <td>{p.time ? formatDay(p.time) : `+${p.step}`}</td>
                <td>{formatValue(p.mean, unit)}</td>
                <td>
                  {formatValue(p.lower['80'], unit)} – {formatValue(p.upper['80'], unit)}
                </td>
                <td>
                  {formatValue(p.lower['95'], unit)} – {formatValue(p.upper['95'], unit)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function Anomalies({ metric, label, unit }: { metric: string; label: string; unit: string }) {
  const [loaded, reload] = useLoad(() => fetchAnomalies(metric), [metric]);
  return (
    <section class="panel" aria-labelledby="anomalies-title">
      <h2 id="anomalies-title">Unusual days for {label.toLowerCase()} this past year</h2>
      <LoadState loaded={loaded} onRetry={reload} what="unusual days">
        {(anomalies) =>
          anomalies.length === 0 ? (
            <p class="muted">Nothing out of the ordinary.</p>
          ) : (
            <ul class="anomalies">
              {anomalies.slice(0, 12).map((a) => (
                <li key={a.time}>
                  <span class={a.direction === 'low' ? 'pill pill--bad' : 'pill pill--good'}>{a.direction === 'low' ? 'Low' : 'High'}</span>{' '}
                  {formatDay(a.time)}: {formatValue(a.value, unit)} against about {formatValue(a.expected, unit)} expected
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
    </section>
  );
}
