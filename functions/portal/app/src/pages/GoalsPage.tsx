import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api';
import { LoadState } from '../components/LoadState';
import { dayOffset } from '../format';
import { type Assessment, type GoalDraft, type Suggestion, createGoal, fetchGoal, listGoals, suggestGoals, validateGoal } from '../goals';
import { useLoad } from '../load';
import { type MetricDefinition, fetchCatalog } from '../metrics';
import { GoalProgressRow } from './OverviewPage';
import { ErrorAlert, SubmitButton } from '../components/ActionParts';

const CRITERIA: Record<string, string> = {
  specific: 'Specific',
  measurable: 'Measurable',
  achievable: 'Achievable',
  relevant: 'Relevant',
  time_bound: 'Time-bound',
};

async function loadGoals() {
  const [list, catalog, suggestions] = await Promise.all([listGoals(), fetchCatalog(), suggestGoals()]);
  const active = list.goals.filter((g) => g.status !== 'archived');
  return { goals: await Promise.all(active.map((g) => fetchGoal(g.id))), catalog, suggestions };
}

/** Goals with live progress, ideas drawn from the business's own numbers, and a form that checks SMART-ness before saving. */
export function GoalsPage() {
  const [loaded, reload] = useLoad(loadGoals, []);
  const [draft, setDraft] = useState<GoalDraft | null>(null);
  return (
    <LoadState loaded={loaded} onRetry={reload} what="your goals">
      {({ goals, catalog, suggestions }) => (
        <>
          <section class="panel" aria-labelledby="goals-title">
            <h2 id="goals-title">Your goals</h2>
            {goals.length === 0 ? (
              <p>No goals yet. Start from an idea below or write your own.</p>
            ) : (
              <ul class="goal-list">
                {goals.map((g) => (
                  <GoalProgressRow key={g.id} goal={g} />
                ))}
              </ul>
            )}
          </section>
          {suggestions.length > 0 && (
            <section class="panel" aria-labelledby="ideas-title">
              <h2 id="ideas-title">Ideas from your numbers</h2>
              <ul class="ideas">
                {suggestions.map((s) => (
                  <SuggestionRow key={s.title} suggestion={s} onUse={() => setDraft(draftOf(s))} />
                ))}
              </ul>
            </section>
          )}
          <GoalForm key={draft ? JSON.stringify(draft) : 'blank'} catalog={catalog} initial={draft} onCreated={reload} />
        </>
      )}
    </LoadState>
  );
}

const draftOf = (s: Suggestion): GoalDraft => ({
  title: s.title,
  metric: s.metric,
  measure: s.measure,
  targetValue: s.targetValue,
  startDate: s.startDate,
  deadline: s.deadline,
});

function SuggestionRow({ suggestion, onUse }: { suggestion: Suggestion; onUse: () => void }) {
  return (
    <li class="idea">
      <div>
        <p class="idea__title">{suggestion.title}</p>
        <p class="muted">{suggestion.reason}</p>
      </div>
      <button type="button" class="button" onClick={onUse}>
        Use this
      </button>
    </li>
  );
}

interface GoalFormProps {
  catalog: MetricDefinition[];
  initial: GoalDraft | null;
  onCreated: () => void;
}

function GoalForm({ catalog, initial, onCreated }: GoalFormProps) {
  const [assessment, setAssessment] = useState<Assessment | null>(null);
  const [message, setMessage] = useState('');
  const [pending, setPending] = useState(false);

  const read = (form: HTMLFormElement): GoalDraft => {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const target = Number(text('targetValue'));
    return {
      title: text('title'),
      metric: text('metric'),
      measure: text('measure') as GoalDraft['measure'],
      targetValue: text('targetValue') === '' || !Number.isFinite(target) ? undefined : target,
      deadline: text('deadline') || undefined,
      startDate: initial?.startDate,
    };
  };

  const run = async (form: HTMLFormElement, action: 'check' | 'create') => {
    setPending(true);
    setMessage('');
    try {
      const draft = read(form);
      if (action === 'check') setAssessment(await validateGoal(draft));
      else {
        await createGoal(draft);
        onCreated();
      }
    } catch (error) {
      // A goal that isn't SMART comes back with its assessment: show which criteria failed.
      if (error instanceof ApiError && error.status === 422) {
        const body = error.body as { assessment?: Assessment } | undefined;
        if (body?.assessment) setAssessment(body.assessment);
      }
      setMessage(messageOf(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="new-goal-title">
      <h2 id="new-goal-title">New goal</h2>
      <form
        class="form-grid"
        onSubmit={(event) => {
          event.preventDefault();
          void run(event.currentTarget, 'create');
        }}
      >
        <label>
          Title
          <input name="title" required maxLength={140} defaultValue={initial?.title ?? ''} placeholder="Grow weekday revenue before the summer" />
        </label>
        <label>
          Metric
          <select name="metric" defaultValue={initial?.metric ?? 'revenue'}>
            {catalog.map((m) => (
              <option key={m.name} value={m.name}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Measured as
          <select name="measure" defaultValue={initial?.measure ?? 'total'}>
            <option value="total">Total over the period</option>
            <option value="daily_average">Daily average</option>
            <option value="level">Level on the deadline</option>
          </select>
        </label>
        <label>
          Target
          <input name="targetValue" inputMode="decimal" defaultValue={initial?.targetValue?.toString() ?? ''} />
        </label>
        <label>
          Deadline
          <input name="deadline" type="date" min={dayOffset(-1)} defaultValue={initial?.deadline ?? ''} />
        </label>
        <div class="form-actions">
          <button type="button" class="button" disabled={pending} onClick={(e) => void run((e.currentTarget as HTMLButtonElement).form!, 'check')}>
            Check it
          </button>
          <SubmitButton pending={pending} label="Create goal" pendingLabel="Working…" />
        </div>
      </form>
      <ErrorAlert message={message} />
      {assessment && <AssessmentList assessment={assessment} />}
    </section>
  );
}

function AssessmentList({ assessment }: { assessment: Assessment }) {
  return (
    <ul class="criteria" aria-label="SMART check">
      {assessment.criteria.map((c) => (
        <li key={c.criterion} class={`criterion criterion--${c.verdict}`}>
          <span class="criterion__name">{CRITERIA[c.criterion]}</span>
          <span class="criterion__verdict">{c.verdict === 'pass' ? 'passes' : c.verdict === 'warn' ? 'warning' : 'fails'}</span>
          <span class="criterion__message">{c.message}</span>
        </li>
      ))}
    </ul>
  );
}
