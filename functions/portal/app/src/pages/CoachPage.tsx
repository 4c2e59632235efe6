import { useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { type Card, type CardAction, type Citation, type Turn, ask, fetchSession, listSessions, renderFinding, runAction } from '../coach';
import { LoadState } from '../components/LoadState';
import { formatDay } from '../format';
import { useLoad } from '../load';

const STARTERS = ['Why did revenue drop last week?', 'How many staff do I need on Friday?', 'What should I reorder?', 'Will I hit my goal?'];

/** A turn as it is being answered: the status line and tool cards arrive before the words. */
interface LiveTurn extends Omit<Turn, 'id' | 'provider' | 'latencyMs'> {
  id?: string;
  status: string;
  failed?: string;
  provider?: string;
  latencyMs?: number;
  actions: CardAction[];
}

/** Ask in plain words; every number in the answer links to the forecast, plan, estimate or query it came from. */
export function CoachPage() {
  const [sessions, reloadSessions] = useLoad(listSessions, []);
  const [sessionId, setSessionId] = useState<string | undefined>();
  const [turns, setTurns] = useState<LiveTurn[]>([]);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const update = (patch: (t: LiveTurn) => LiveTurn) => setTurns((all) => [...all.slice(0, -1), patch(all.at(-1)!)]);

  const submit = async (question: string) => {
    if (!question.trim() || busy) return;
    setBusy(true);
    setTurns((all) => [...all, { question, answer: '', cards: [], citations: [], actions: [], status: 'Reading your question…' }]);
    try {
      await ask(question, sessionId, (e) => {
        if (e.event === 'status') update((t) => ({ ...t, status: e.data.message }));
        else if (e.event === 'tool' && e.data.cards) update((t) => ({ ...t, cards: [...t.cards, ...e.data.cards!] }));
        else if (e.event === 'token') update((t) => ({ ...t, answer: t.answer + e.data.text }));
        else if (e.event === 'final') {
          setSessionId(e.data.sessionId);
          update((t) => ({ ...t, id: e.data.turnId, answer: e.data.answer, cards: e.data.cards, citations: e.data.citations, actions: e.data.actions, provider: e.data.provider, latencyMs: e.data.latencyMs, status: '' }));
        } else if (e.event === 'error') update((t) => ({ ...t, status: '', failed: e.data.detail }));
      });
      reloadSessions();
    } catch (error) {
      update((t) => ({ ...t, status: '', failed: messageOf(error) }));
    } finally {
      setBusy(false);
      if (inputRef.current) {
        inputRef.current.value = '';
        inputRef.current.focus();
      }
    }
  };

  const open = async (id: string) => {
    const detail = await fetchSession(id);
    setSessionId(id);
    setTurns(detail.turnList.map((t) => ({ ...t, status: '', actions: t.cards.flatMap((c) => c.actions ?? []) })));
  };

  return (
    <div class="coach">
      <aside class="coach__history" aria-labelledby="history-title">
        <h2 id="history-title">Conversations</h2>
        <button
          type="button"
          class="button"
          onClick={() => {
            setSessionId(undefined);
            setTurns([]);
          }}
        >
          New conversation
        </button>
        <LoadState loaded={sessions} onRetry={reloadSessions} what="conversations">
          {(list) => (
            <ul class="coach__sessions">
              {list.map((s) => (
                <li key={s.id}>
                  <button type="button" class={s.id === sessionId ? 'linkish linkish--current' : 'linkish'} onClick={() => void open(s.id)}>
                    {s.title}
                  </button>
                  <span class="muted"> · {formatDay(s.updatedAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </LoadState>
      </aside>
      <section class="coach__main" aria-labelledby="coach-title">
        <h2 id="coach-title">Ask your coach</h2>
        {turns.length === 0 && (
          <div class="starters">
            <p class="muted">Answers come from your own numbers: forecasts, optimal plans and causal estimates, each one cited.</p>
            <div class="starters__list">
              {STARTERS.map((q) => (
                <button key={q} type="button" class="chip" onClick={() => void submit(q)} disabled={busy}>
                  {q}
                </button>
              ))}
            </div>
          </div>
        )}
        <ol class="turns" aria-live="polite">
          {turns.map((t, i) => (
            <TurnView key={t.id ?? `live-${i}`} turn={t} />
          ))}
        </ol>
        <form
          class="ask"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(inputRef.current?.value ?? '');
          }}
        >
          <label for="question" class="visually-hidden">
            Your question
          </label>
          <textarea
            id="question"
            ref={inputRef}
            rows={2}
            maxLength={1000}
            placeholder="Ask about sales, staff, stock or your goals"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                void submit(e.currentTarget.value);
              }
            }}
          />
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Thinking…' : 'Ask'}
          </button>
        </form>
      </section>
    </div>
  );
}

function TurnView({ turn }: { turn: LiveTurn }) {
  return (
    <li class="turn">
      <p class="turn__question">{turn.question}</p>
      {turn.status && (
        <p class="muted" role="status">
          {turn.status}
        </p>
      )}
      {turn.failed && (
        <p class="form-alert" role="alert">
          {turn.failed}
        </p>
      )}
      {turn.answer && (
        <div class="turn__answer">
          {turn.answer.split('\n\n').map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
        </div>
      )}
      {turn.actions.length > 0 && (
        <div class="turn__actions">
          {turn.actions.map((a) => (
            <ActionButton key={a.label} action={a} />
          ))}
        </div>
      )}
      {turn.cards.length > 0 && <Evidence cards={turn.cards} citations={turn.citations} />}
      {turn.provider && (
        <p class="turn__meta muted">
          Written by {turn.provider === 'composer' ? 'the built-in writer' : turn.provider} in {((turn.latencyMs ?? 0) / 1000).toFixed(1)} s
        </p>
      )}
    </li>
  );
}

function Evidence({ cards, citations }: { cards: Card[]; citations: Citation[] }) {
  return (
    <details class="turn__evidence">
      <summary>Where these numbers come from</summary>
      <ol class="cards">
        {cards.map((card, i) => {
          const citation = citations.find((c) => c.id === card.citation.id) ?? citations[i];
          return (
            <li key={`${card.tool}-${i}`} class="card">
              <p class="card__title">
                {citation?.mark ?? `[${i + 1}]`} {card.title}
              </p>
              <ul>
                {card.findings.map((f, j) => (
                  <li key={j}>{renderFinding(f)}</li>
                ))}
              </ul>
              <p class="muted card__source">
                Source: {card.citation.label}
                {citation?.href && (
                  <>
                    {' '}
                    (<a href={citation.href}>open</a>)
                  </>
                )}
              </p>
            </li>
          );
        })}
      </ol>
    </details>
  );
}

function ActionButton({ action }: { action: CardAction }) {
  const [state, setState] = useState<'idle' | 'working' | 'done' | string>('idle');
  const run = async () => {
    setState('working');
    try {
      await runAction(action);
      setState('done');
    } catch (error) {
      setState(messageOf(error));
    }
  };
  if (state === 'done') return <span class="pill pill--good">Done: {action.label}</span>;
  return (
    <span>
      <button type="button" class="button" onClick={() => void run()} disabled={state === 'working'}>
        {action.label}
      </button>
      {state !== 'idle' && state !== 'working' && <span class="field__error"> {state}</span>}
    </span>
  );
}
