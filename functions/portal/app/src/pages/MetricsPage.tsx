import { useState } from 'preact/hooks';
import { type ChartSeries, LineChart } from '../components/LineChart';
import { LoadState } from '../components/LoadState';
import { MetricSelect } from '../components/MetricSelect';
import { bucketStartDay, dayOffset, formatChange, formatDay, formatValue } from '../format';
import { useLoad } from '../load';
import { type Bucket, type Compare, type QueryParams, type QueryResult, exportUrl, fetchCatalog, queryMetric } from '../metrics';

const RANGES = [
  { days: 30, label: 'Last 30 days', bucket: 'day' },
  { days: 90, label: 'Last 90 days', bucket: 'day' },
  { days: 365, label: 'Last 12 months', bucket: 'week' },
  { days: 730, label: 'Last 2 years', bucket: 'month' },
] as const;

/** Any metric, any range, with the comparison an owner asks for next ("and last year?"), and the numbers to download. */
export function MetricsPage() {
  const [catalog, reloadCatalog] = useLoad(fetchCatalog, []);
  const [metric, setMetric] = useState('revenue');
  const [days, setDays] = useState<number>(90);
  const [bucket, setBucket] = useState<Bucket>('day');
  const [compare, setCompare] = useState<Compare | ''>('previous_year');
  const [groupBy, setGroupBy] = useState('');
  // What is typed lives in its own state, so a re-render while a query loads never wipes it;
  // the query follows when the field is left or Enter is pressed.
  const [groupDraft, setGroupDraft] = useState('');
  // The range starts with a whole week or month; only the one in progress is cut.
  const params: QueryParams = { metric, from: bucketStartDay(dayOffset(days), bucket), to: dayOffset(1), bucket, compare: compare || undefined, groupBy: groupBy || undefined };
  const [result, reloadResult] = useLoad(() => queryMetric(params), [metric, days, bucket, compare, groupBy]);

  return (
    <LoadState loaded={catalog} onRetry={reloadCatalog} what="the metric catalog">
      {(metrics) => (
        <>
          <form class="toolbar" aria-label="Query" onSubmit={(e) => e.preventDefault()}>
            <label>
              Metric
              <MetricSelect metrics={metrics} value={metric} onChange={setMetric} />
            </label>
            <label>
              Range
              <select
                value={days}
                onChange={(e) => {
                  const range = RANGES.find((r) => r.days === Number(e.currentTarget.value))!;
                  setDays(range.days);
                  setBucket(range.bucket);
                }}
              >
                {RANGES.map((r) => (
                  <option key={r.days} value={r.days}>
                    {r.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              By
              <select value={bucket} onChange={(e) => setBucket(e.currentTarget.value as Bucket)}>
                <option value="day">Day</option>
                <option value="week">Week</option>
                <option value="month">Month</option>
              </select>
            </label>
            <label>
              Compare with
              <select value={compare} onChange={(e) => setCompare(e.currentTarget.value as Compare | '')}>
                <option value="">Nothing</option>
                <option value="previous_period">The period before</option>
                <option value="previous_year">Last year</option>
              </select>
            </label>
            <label>
              Split by
              <input
                value={groupDraft}
                placeholder="e.g. category"
                pattern="[a-z][a-z0-9_]*"
                onInput={(e) => setGroupDraft(e.currentTarget.value)}
                onChange={(e) => setGroupBy(e.currentTarget.value.trim())}
              />
            </label>
          </form>
          <LoadState loaded={result} onRetry={reloadResult} what={metric}>
            {(r) => <MetricResult result={r} params={params} label={metrics.find((m) => m.name === metric)?.label ?? metric} />}
          </LoadState>
        </>
      )}
    </LoadState>
  );
}

function MetricResult({ result, params, label }: { result: QueryResult; params: QueryParams; label: string }) {
  const buckets = result.series[0]?.points.map((p) => p.bucket) ?? [];
  const comparison = result.comparison?.series[0]?.points;
  const series: ChartSeries[] = result.series.map((s) => ({ label: s.group ?? label, values: s.points.map((p) => p.value) }));
  if (comparison && result.series.length === 1) {
    series.push({ label: result.comparison!.kind === 'previous_year' ? 'Last year' : 'Period before', values: buckets.map((_, i) => comparison[i]?.value ?? null), style: 'comparison' });
  }
  return (
    <section class="panel" aria-labelledby="result-title">
      <div class="panel__head">
        <h2 id="result-title">{label}</h2>
        <p class="panel__figure">
          {formatValue(result.total, result.unit)}
          {result.comparison && <span class="muted"> ({formatChange(result.comparison.change.percent)})</span>}
        </p>
      </div>
      <LineChart title={label} unit={result.unit} buckets={buckets} series={series} />
      <p class="downloads">
        Download: <a href={exportUrl(params, 'csv')}>CSV</a> · <a href={exportUrl(params, 'xlsx')}>Excel</a> · <a href={exportUrl(params, 'json')}>JSON</a>
      </p>
      <details>
        <summary>Show the numbers</summary>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{result.bucket === 'day' ? 'Day' : `${result.bucket[0]!.toUpperCase()}${result.bucket.slice(1)} starting`}</th>
              {result.series.map((s) => (
                <th key={s.group ?? 'value'} scope="col">
                  {s.group ?? label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {buckets.map((b, i) => (
              <tr key={b}>
                <td>
                  {formatDay(b)}
                  {result.series[0]?.points[i]?.partial && <span class="muted"> (part of the {result.bucket})</span>}
                </td>
                {result.series.map((s) => (
                  <td key={s.group ?? 'value'}>{formatValue(s.points[i]?.value, result.unit)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
