import { apiRequest, withQuery } from './api';
import { postForEvents } from './sse';

export type FactFormat = 'money' | 'count' | 'percent' | 'decimal' | 'hours' | 'units';
export interface Finding {
  template: string;
  values?: Record<string, { value: number; format: FactFormat; digits?: number }>;
}

export interface Card {
  tool: string;
  title: string;
  citation: { kind: string; id: string; label: string };
  findings: Finding[];
  actions?: CardAction[];
}

export interface CardAction {
  label: string;
  method: 'POST';
  path: string;
  body: unknown;
}

export interface Citation {
  mark: string;
  kind: string;
  id: string;
  label: string;
  href?: string;
}

export interface Turn {
  id: string;
  question: string;
  answer: string;
  cards: Card[];
  citations: Citation[];
  provider: string;
  latencyMs: number;
}

export interface SessionSummary {
  id: string;
  title: string;
  turns: number;
  updatedAt: string;
}

export type CoachEvent =
  | { event: 'status'; data: { stage: string; message: string } }
  | { event: 'tool'; data: { tool: string; status: 'running' | 'done' | 'failed'; cards?: Card[]; message?: string } }
  | { event: 'token'; data: { text: string } }
  | { event: 'final'; data: { sessionId: string; turnId: string; answer: string; citations: Citation[]; cards: Card[]; actions: CardAction[]; provider: string; latencyMs: number } }
  | { event: 'error'; data: { title: string; detail: string } };

const DIGITS: Record<FactFormat, number> = { money: 2, count: 0, percent: 1, decimal: 2, hours: 1, units: 0 };

/** A finding's sentence with its numbers written the way the coach writes them in the answer. */
export function renderFinding(f: Finding): string {
  return f.template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = f.values?.[name];
    if (!v) return whole;
    const digits = v.digits ?? DIGITS[v.format];
    const raw = v.format === 'percent' ? v.value * 100 : v.value;
    const body = Math.abs(raw).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const sign = Number(raw.toFixed(digits)) < 0 ? '−' : '';
    return v.format === 'money' ? `${sign}$${body}` : v.format === 'percent' ? `${sign}${body}%` : v.format === 'hours' ? `${sign}${body} h` : `${sign}${body}`;
  });
}

/** Asks the coach; each step of the answer arrives as an event. */
export const ask = (question: string, sessionId: string | undefined, onEvent: (e: CoachEvent) => void, signal?: AbortSignal) =>
  postForEvents('/api/coach/ask', { body: JSON.stringify({ question, sessionId }), contentType: 'application/json', signal }, (e) => onEvent(e as CoachEvent));

export const listSessions = () => apiRequest<{ sessions: SessionSummary[] }>('GET', withQuery('/api/coach/sessions', { limit: 20 })).then((r) => r.sessions);

export const fetchSession = (id: string) => apiRequest<SessionSummary & { turnList: Turn[] }>('GET', `/api/coach/sessions/${encodeURIComponent(id)}`);

export const runAction = (action: CardAction) => apiRequest<unknown>(action.method, action.path, action.body);
