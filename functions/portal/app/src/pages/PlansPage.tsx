import { useState } from 'preact/hooks';
import { LoadState } from '../components/LoadState';
import { dayOffset, formatDay, formatValue } from '../format';
import { useAction, useLoad } from '../load';
import { type PlanKind, type Run, listRuns, solvePlan } from '../plans';
import { ErrorAlert } from '../components/ActionParts';

const ASKS: { kind: PlanKind; label: string; body: () => Record<string, unknown> }[] = [
  { kind: 'inventory', label: 'What should I reorder?', body: () => ({}) },
  { kind: 'staffing', label: 'Who works tomorrow?', body: () => ({ start: dayOffset(-1), days: 1 }) },
  { kind: 'budget', label: 'How should I split my marketing budget?', body: () => ({}) },
  { kind: 'pricing', label: 'Are my prices right?', body: () => ({}) },
];

/** Optimal plans from the solver, filled from the business's own settings and numbers, with the reasons in words. */
export function PlansPage() {
  const [runs, reloadRuns] = useLoad(listRuns, []);
  const [asked, setAsked] = useState<PlanKind | null>(null);
  const { pending: solving, error, result: run, run: start } = useAction<Run>();
  const pending = solving ? asked : null;

  const ask = (kind: PlanKind, body: Record<string, unknown>) => {
    setAsked(kind);
    return start(async () => {
      const solved = await solvePlan(kind, body);
      reloadRuns();
      return solved;
    });
  };

  return (
    <>
      <section class="panel" aria-labelledby="plans-title">
        <h2 id="plans-title">Make a plan</h2>
        <div class="starters__list">
          {ASKS.map((a) => (
            <button key={a.kind} type="button" class="chip" disabled={pending !== null} onClick={() => void ask(a.kind, a.body())}>
              {pending === a.kind ? 'Solving…' : a.label}
            </button>
          ))}
        </div>
        <ErrorAlert message={error} />
      </section>
      {run && <RunView run={run} />}
      <section class="panel" aria-labelledby="recent-title">
        <h2 id="recent-title">Recent plans</h2>
        <LoadState loaded={runs} onRetry={reloadRuns} what="recent plans">
          {(list) =>
            list.length === 0 ? (
              <p class="muted">No plans yet.</p>
            ) : (
              <ul class="notes">
                {list.map((r) => (
                  <li key={r.id}>
                    <strong>{r.kind}</strong> · {formatDay(r.createdAt)} · {r.status}
                    {r.headline && ` — ${r.headline}`}
                  </li>
                ))}
              </ul>
            )
          }
        </LoadState>
      </section>
    </>
  );
}

function RunView({ run }: { run: Run }) {
  const result = run.result;
  return (
    <section class="panel" aria-labelledby="run-title">
      <div class="panel__head">
        <h2 id="run-title">{ASKS.find((a) => a.kind === run.kind)?.label ?? run.kind}</h2>
        <span class={run.status === 'optimal' ? 'pill pill--good' : 'pill pill--bad'}>{run.status === 'optimal' ? 'Best possible plan' : run.status}</span>
      </div>
      {run.error && <p class="form-alert">{run.error}</p>}
      {result && (
        <>
          <ul class="notes">
            {result.explanation.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
          <Decisions run={run} />
          {result.binding.length > 0 && (
            <details>
              <summary>What limits this plan</summary>
              <ul class="notes">
                {result.binding.map((b) => (
                  <li key={b.name}>
                    {b.label}
                    {b.shadowPrice !== null && b.shadowPrice !== 0 && ` — one more unit is worth ${formatValue(Math.abs(b.shadowPrice), 'USD')}`}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      {run.notes && run.notes.length > 0 && (
        <details>
          <summary>Where the inputs came from</summary>
          <ul class="notes">
            {run.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
      <p class="muted turn__meta">
        Solved by {run.solver ?? 'the solver'}
        {run.solveMs !== null && ` in ${Math.round(run.solveMs)} ms`}
      </p>
    </section>
  );
}

function Decisions({ run }: { run: Run }) {
  const r = run.result!;
  if (run.kind === 'inventory' && r.orders) {
    const orders = r.orders.filter((o) => o.cases > 0);
    if (orders.length === 0) return <p>Nothing needs ordering: stock covers the plan.</p>;
    return (
      <Table
        head={['Item', 'Cases', 'Units', 'Cost', 'Chance stock lasts']}
        rows={orders.map((o) => [o.name, String(o.cases), String(o.units), formatValue(o.purchaseCost, 'USD'), `${Math.round(o.coverProbability * 100)}%`])}
      />
    );
  }
  if (run.kind === 'staffing') {
    if (r.assignments?.length) return <Table head={['Who', 'Role', 'Shift']} rows={r.assignments.map((a) => [a.name, a.roleId, a.label])} />;
    if (r.shifts?.length) return <Table head={['Role', 'Shift', 'People']} rows={r.shifts.filter((s) => s.count > 0).map((s) => [s.roleId, s.label, String(s.count)])} />;
  }
  const rows = r.allocations ?? r.prices;
  if (!rows?.length) return null;
  const columns = Object.keys(rows[0]!).filter((k) => rows.every((row) => ['string', 'number'].includes(typeof row[k])));
  return <Table head={columns} rows={rows.map((row) => columns.map((c) => (typeof row[c] === 'number' ? formatValue(row[c] as number, '') : String(row[c]))))} />;
}

function Table({ head, rows }: { head: string[]; rows: string[][] }) {
  return (
    <table class="table">
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
