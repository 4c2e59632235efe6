import { KpiCard } from '../components/KpiCard';
import { LineChart } from '../components/LineChart';
import { Link } from '../components/Link';
import { LoadState } from '../components/LoadState';
import { dayOffset, formatValue } from '../format';
import { type GoalDetail, fetchGoal, listGoals } from '../goals';
import { useLoad } from '../load';
import { type QueryResult, hasData, queryMetric } from '../metrics';

const KPIS = [
  { metric: 'revenue', label: 'Revenue', upIsGood: true },
  { metric: 'orders', label: 'Orders', upIsGood: true },
  { metric: 'average_ticket', label: 'Average ticket', upIsGood: true },
  { metric: 'new_customers', label: 'New customers', upIsGood: true },
] as const;

interface Overview {
  kpis: { label: string; upIsGood: boolean; result: QueryResult }[];
  revenue: QueryResult;
  goals: GoalDetail[];
}

/** The last four weeks against the four before, the revenue trend against last year, and the goals in flight. */
async function loadOverview(): Promise<Overview> {
  const last28 = { from: dayOffset(28), to: dayOffset(1), bucket: 'day' as const, compare: 'previous_period' as const };
  const [kpis, revenue, goals] = await Promise.all([
    Promise.all(KPIS.map(async (k) => ({ ...k, result: await queryMetric({ metric: k.metric, ...last28 }) }))),
    queryMetric({ metric: 'revenue', from: dayOffset(90), to: dayOffset(1), bucket: 'day', compare: 'previous_year' }),
    listGoals('in_progress').then((r) => Promise.all(r.goals.slice(0, 5).map((g) => fetchGoal(g.id)))),
  ]);
  return { kpis, revenue, goals };
}

export function OverviewPage() {
  const [loaded, reload] = useLoad(loadOverview, []);
  return (
    <LoadState loaded={loaded} onRetry={reload} what="your numbers">
      {(overview) => (hasData(overview.revenue) ? <OverviewContent overview={overview} /> : <NoDataYet />)}
    </LoadState>
  );
}

function OverviewContent({ overview }: { overview: Overview }) {
  const revenue = overview.revenue;
  const main = revenue.series[0]?.points ?? [];
  const lastYear = revenue.comparison?.series[0]?.points ?? [];
  return (
    <>
      <section aria-labelledby="kpi-title">
        <h2 id="kpi-title">The last four weeks</h2>
        <div class="kpis">
          {overview.kpis.map(({ label, upIsGood, result }) => (
            <KpiCard
              key={label}
              label={label}
              value={result.total}
              unit={result.unit}
              changePercent={result.comparison?.change.percent ?? null}
              upIsGood={upIsGood}
              period="vs the 4 weeks before"
            />
          ))}
        </div>
      </section>
      <section class="panel" aria-labelledby="trend-title">
        <h2 id="trend-title">Daily revenue, last 90 days</h2>
        <LineChart
          title="Daily revenue"
          unit={revenue.unit}
          buckets={main.map((p) => p.bucket)}
          series={[
            { label: 'This year', values: main.map((p) => p.value) },
            { label: 'Same days last year', values: main.map((_, i) => lastYear[i]?.value ?? null), style: 'comparison' },
          ]}
        />
      </section>
      <section class="panel" aria-labelledby="goals-title">
        <h2 id="goals-title">Goals in progress</h2>
        {overview.goals.length === 0 ? (
          <p>
            No goals yet. <Link href="/goals">Set one</Link> — Dyocense checks it is specific, measurable, achievable, relevant and
            time-bound, and tracks it every day.
          </p>
        ) : (
          <ul class="goal-list">
            {overview.goals.map((g) => (
              <GoalProgressRow key={g.id} goal={g} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function GoalProgressRow({ goal }: { goal: GoalDetail }) {
  const progress = goal.progress;
  const percent = progress ? Math.max(0, Math.min(100, progress.percentToTarget)) : 0;
  return (
    <li class="goal">
      <div class="goal__head">
        <Link href={`/goals#${goal.id}`} class="goal__title">
          {goal.title}
        </Link>
        {progress && <span class={progress.onTrack ? 'pill pill--good' : 'pill pill--bad'}>{progress.onTrack ? 'On track' : 'Behind'}</span>}
      </div>
      <div class="progress" role="progressbar" aria-label={`${goal.title}: progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)}>
        <div class="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p class="goal__meta">
        {progress ? progress.message : `Target ${formatValue(goal.targetValue, goal.unit)} by ${goal.deadline}`}
      </p>
    </li>
  );
}

function NoDataYet() {
  return (
    <section class="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">Connect your data to see your numbers</h2>
      <p>
        Once your sales, payments or accounting data is connected, your revenue, costs and goals appear here, each figure
        computed by an engine you can check.
      </p>
      <p class="empty__note">Send points to the metrics API, or connect Shopify, Stripe, QuickBooks or a CSV file.</p>
    </section>
  );
}
