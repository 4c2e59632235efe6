import { z } from '@hono/zod-openapi';

export const AskBody = z
  .object({
    question: z.string().trim().min(3, 'ask a question of at least 3 characters').max(1000).openapi({ example: 'Why did revenue drop in week 37?' }),
    sessionId: z.uuid().optional().openapi({ description: 'Continue a conversation; omitted: a new one starts.' }),
  })
  .openapi('CoachAsk');

export const CitationView = z
  .object({
    mark: z.string().openapi({ example: '[1]' }),
    kind: z.enum(['forecast', 'optimization_run', 'causal_estimate', 'metric_query', 'goal']),
    id: z.string().openapi({ description: 'The forecast, optimization run, causal estimate or goal id; for a metric query, the hash of the query (the query itself is in `query`).' }),
    label: z.string(),
    href: z.string().optional().openapi({ description: 'Where the cited result can be read again.' }),
    query: z.record(z.string(), z.string()).optional().openapi({ description: 'For metric queries: the parameters of GET /api/metrics/query.' }),
  })
  .openapi('CoachCitation');

const FactValue = z.object({ value: z.number(), format: z.enum(['money', 'count', 'percent', 'decimal', 'hours', 'units']), digits: z.number().int().optional() });
export const CardView = z
  .object({
    tool: z.string(),
    title: z.string(),
    citation: CitationView.omit({ mark: true, href: true }),
    findings: z.array(z.object({ template: z.string(), values: z.record(z.string(), FactValue).optional() })),
    actions: z.array(z.object({ label: z.string(), method: z.literal('POST'), path: z.string(), body: z.unknown() })).optional(),
  })
  .openapi('CoachCard');

export const TurnView = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    question: z.string(),
    intent: z.string(),
    answer: z.string(),
    cards: z.array(CardView),
    citations: z.array(CitationView),
    provider: z.string().openapi({ description: 'ollama, openai or composer (the deterministic answer writer).' }),
    model: z.string(),
    latencyMs: z.number().int(),
    costUsd: z.number(),
    createdAt: z.string(),
  })
  .openapi('CoachTurn');

export const SessionView = z
  .object({ id: z.uuid(), title: z.string(), turns: z.number().int(), createdAt: z.string(), updatedAt: z.string() })
  .openapi('CoachSession');

export const SessionDetailView = SessionView.extend({ turnList: z.array(TurnView) }).openapi('CoachSessionDetail');

export const SessionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Cursor: the updatedAt of the last session of the previous page.' }),
});

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const ASK_EVENTS_DESCRIPTION = [
  'A stream of Server-Sent Events, in this order:',
  '- `status` {stage, message}: each step of the coach as it starts (classify, retrieve, plan, run_tools, compose, check, persist);',
  '- `tool` {tool, status: running|done|failed, args?, cards?, message?, ms?}: each analysis, and its result cards (numbers with the id of the forecast, optimization run, causal estimate or metric query they come from);',
  '- `token` {text}: the answer text, in pieces;',
  '- `final` {sessionId, turnId, answer, citations, cards, actions, intent, provider, model, costUsd, cached, latencyMs, route, check}, or `error` {type, title, detail}.',
  'Every number in the answer comes from a tool result; a model\'s sentence with any other number is dropped.',
].join('\n');
