import { LoadState } from '../components/LoadState';
import { MetricSelect } from '../components/MetricSelect';
import { dayOffset, formatChange, formatValue } from '../format';
import { type Contribution, type Estimate, estimateEffect, explainChange, explainParts, refutationsOf } from '../evidence';
import { useAction, useLoad } from '../load';
import { type MetricDefinition, fetchCatalog } from '../metrics';
import { ErrorAlert, SubmitButton } from '../components/ActionParts';

/** "Why did it change?" and "did it work?", each answered with the checks that could have proved it wrong. */
export function EvidencePage() {
  const [catalog, reload] = useLoad(fetchCatalog, []);
  return (
    <LoadState loaded={catalog} onRetry={reload} what="the metric catalog">
      {(metrics) => (
        <>
          <ExplainPanel metrics={metrics} />
          <EffectPanel metrics={metrics} />
        </>
      )}
    </LoadState>
  );
}

const field = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '').trim();

function ExplainPanel({ metrics }: { metrics: MetricDefinition[] }) {
  const { pending, error, result, run } = useAction<Estimate>();
  const unitOf = (name: string) => metrics.find((m) => m.name === name)?.unit ?? '';
  return (
    <section class="panel" aria-labelledby="explain-title">
      <h2 id="explain-title">Why did it change?</h2>
      <form
        class="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          const f = e.currentTarget;
          void run(() => explainChange({ metric: field(f, 'metric'), from: field(f, 'from'), to: field(f, 'to'), compareTo: field(f, 'compareTo') }));
        }}
      >
        <label>
          Metric
          <MetricSelect metrics={metrics} name="metric" initial="revenue" />
        </label>
        <label>
          From
          <input name="from" type="date" required defaultValue={dayOffset(7)} />
        </label>
        <label>
          To
          <input name="to" type="date" required defaultValue={dayOffset(1)} />
        </label>
        <label>
          Compared with
          <select name="compareTo" defaultValue="previous_period">
            <option value="previous_period">The days just before</option>
            <option value="previous_year">The same days last year</option>
          </select>
        </label>
        <div class="form-actions">
          <SubmitButton pending={pending} label="Explain" pendingLabel="Looking into it…" />
        </div>
      </form>
      <ErrorAlert message={error} />
      {result && <ExplainAnswer estimate={result} unit={unitOf(result.metric)} />}
    </section>
  );
}

function ExplainAnswer({ estimate, unit }: { estimate: Estimate; unit: string }) {
  const { drivers, detractors, percent, causes } = explainParts(estimate);
  return (
    <div class="answer">
      <p class="panel__figure">
        {formatValue(estimate.estimate, unit)} <span class="muted">({formatChange(percent)})</span>
      </p>
      <p>{estimate.narrative}</p>
      <div class="columns">
        <ContributionList title="Pushed it up" items={drivers} unit={unit} />
        <ContributionList title="Held it back" items={detractors} unit={unit} />
      </div>
      {causes.length > 0 && (
        <div>
          <h3>Likely causes</h3>
          <ul class="notes">
            {causes.map((c) => (
              <li key={c.name}>
                {c.name}
                {c.explainedChange !== null && `: about ${formatValue(c.explainedChange, unit)}`}
                {c.explainedInterval && ` (95% interval ${formatValue(c.explainedInterval[0], unit)} to ${formatValue(c.explainedInterval[1], unit)})`}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Checks estimate={estimate} />
    </div>
  );
}

function ContributionList({ title, items, unit }: { title: string; items: Contribution[]; unit: string }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h3>{title}</h3>
      <ul class="notes">
        {items.slice(0, 5).map((c) => (
          <li key={c.driver}>
            {c.driver}: {formatValue(c.contribution, unit)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Checks({ estimate }: { estimate: Estimate }) {
  const checks = refutationsOf(estimate);
  if (checks.length === 0) return null;
  return (
    <details>
      <summary>
        Checks that could have proved this wrong: {checks.filter((c) => c.passed).length} of {checks.length} passed
      </summary>
      <ul class="notes">
        {checks.map((c, i) => (
          <li key={`${c.check}-${i}`}>
            <span class={c.passed ? 'pill pill--good' : 'pill pill--bad'}>{c.passed ? 'Passed' : 'Failed'}</span> {c.summary}
          </li>
        ))}
      </ul>
    </details>
  );
}

function EffectPanel({ metrics }: { metrics: MetricDefinition[] }) {
  const { pending, error, result, run } = useAction<Estimate>();
  const unitOf = (name: string) => metrics.find((m) => m.name === name)?.unit ?? '';
  return (
    <section class="panel" aria-labelledby="effect-title">
      <h2 id="effect-title">Did it work?</h2>
      <p class="muted">The effect of something you did on a given day — a campaign, a price change, a new hire — against the same weeks a year earlier.</p>
      <form
        class="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          const f = e.currentTarget;
          void run(() =>
            estimateEffect({ metric: field(f, 'metric'), actionDate: field(f, 'actionDate'), endDate: field(f, 'endDate') || undefined, label: field(f, 'label') || undefined }),
          );
        }}
      >
        <label>
          What you did
          <input name="label" maxLength={200} placeholder="Instagram campaign" />
        </label>
        <label>
          Metric
          <MetricSelect metrics={metrics} name="metric" initial="orders" />
        </label>
        <label>
          Started
          <input name="actionDate" type="date" required />
        </label>
        <label>
          Ended
          <input name="endDate" type="date" />
        </label>
        <div class="form-actions">
          <SubmitButton pending={pending} label="Estimate the effect" pendingLabel="Estimating…" />
        </div>
      </form>
      <ErrorAlert message={error} />
      {result && (
        <div class="answer">
          <p class="panel__figure">
            {formatValue(result.estimate, unitOf(result.metric))} a day
            {result.ci && (
              <span class="muted">
                {' '}
                (95% interval {formatValue(result.ci[0], unitOf(result.metric))} to {formatValue(result.ci[1], unitOf(result.metric))})
              </span>
            )}
          </p>
          <p>{result.narrative}</p>
          <Checks estimate={result} />
        </div>
      )}
    </section>
  );
}
