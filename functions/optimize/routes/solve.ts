import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import { audit, authenticated, authOf, HttpProblem, ProblemSchema, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import type { OptimizationKind } from '@dyocense/db';
import { checkSize, planInput, todayUtc } from '@dyocense/planning';
import { awaitRun, queueRun } from '../runs';
import { BudgetRequest, InventoryRequest, PricingRequest, RunView, StaffingRequest, WaitQuery } from '../schema';
import { insertRun } from '../store';
import { runView } from '../views';

interface SolveSpec {
  request: z.ZodType;
  summary: string;
  description: string;
}

const FILLED =
  'Fields left out are filled from the saved settings (GET/PUT /api/optimize/constraints/{kind}) and the tenant’s own data; the run’s `notes` say what came from where, and `solvedInput` is exactly what the engine solved. ' +
  'Validated with the engine’s schema before anything is queued (400 naming each field, e.g. `skus.3.casePack`; 413 beyond the documented size limits). ' +
  'The solve runs as a job on the worker pool; the request waits up to `wait` seconds: 201 with the finished run, or 202 with the queued run and its Location. ' +
  'An infeasible problem is a result, not an error: the run’s status is `infeasible` and its result holds the diagnosis in words.';

const specs: Record<OptimizationKind, SolveSpec> = {
  inventory: {
    request: InventoryRequest,
    summary: 'What to reorder: whole cases per SKU at least expected cost',
    description:
      'Missing stock on hand comes from the latest value of the stock metric for each SKU (dimension `sku`); missing demand from each SKU’s usage driver (e.g. orders × kg per order) over its lead time and cover window, taken from the latest stored daily forecast of that metric (its intervals become demand scenarios) or, without one, from the same weekday over the last 8 weeks. Filled demand is daily, so periods are days. ' +
      FILLED,
  },
  staffing: {
    request: StaffingRequest,
    summary: 'Who works when: a schedule over 1–14 days covering forecast demand',
    description:
      'Roles with `perStaffPerHour` follow the driver metric (default orders): its daily forecast (or 8-week same-weekday history) spread over opening hours by the saved hourly profile, covered at the service-level quantile. Named employees from the saved roster are assigned to shifts within their weekly availability and hour limits. ' +
      FILLED,
  },
  budget: {
    request: BudgetRequest,
    summary: 'How to split a marketing budget across channels with diminishing returns',
    description: 'Without a totalBudget given or saved, the budget is the spend metric (default marketing_spend) over the last 30 days. ' + FILLED,
  },
  pricing: {
    request: PricingRequest,
    summary: 'Which price to charge per product, within stock, capacity, ladders and fairness limits',
    description: 'Saved ladders and equal-price groups apply to the products of the plan. ' + FILLED,
  },
};

const runResponse = (description: string) => ({ description, content: { 'application/json': { schema: RunView } } });

function register(app: OpenAPIHono<AppEnv>, kind: OptimizationKind, spec: SolveSpec) {
  const route = createRoute({
    method: 'post',
    path: `/api/optimize/${kind}`,
    tags: ['optimize'],
    summary: spec.summary,
    description: spec.description,
    security: authenticated,
    middleware: [requireAuth({ role: 'manager', scope: 'optimize:write' })] as const,
    request: { query: WaitQuery, body: { content: { 'application/json': { schema: spec.request } }, required: true } },
    responses: {
      201: runResponse('Solved within the wait: the run with its result (including infeasible, with the diagnosis)'),
      202: { ...runResponse('Still solving: the queued run; poll its Location'), headers: { Location: { schema: { type: 'string' }, description: '/api/optimize/runs/{id}' } } },
      ...problems(400, 401, 403),
      413: { description: 'Beyond the optimizer’s documented size limits', content: { 'application/problem+json': { schema: ProblemSchema } } },
      422: {
        description: 'Demand cannot be derived from the tenant’s data (no forecast, no history), or the engine refused the built model (e.g. too many assignment options)',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    },
  });

  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const body = c.req.valid('json') as Record<string, unknown>;
    const { wait } = c.req.valid('query');
    const runtime = c.get('runtime');
    const now = new Date();
    const today = todayUtc(now);
    checkSize(kind, body);
    const run = await withTenant(runtime.db, auth.tenantId, async (tx) => {
      const { solvedInput, notes } = await planInput(tx, kind, body as never, { today });
      const row = await insertRun(tx, { tenantId: auth.tenantId, kind, input: body, solvedInput, notes, createdBy: auth.userId, createdAt: now });
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'optimization.requested', target: `optimization_run:${row.id}` });
      return row;
    });
    await queueRun(runtime, auth.tenantId, run);
    const done = await awaitRun(runtime, auth.tenantId, run.id, wait * 1000);
    const location = `/api/optimize/runs/${done.id}`;
    if (done.status === 'rejected') {
      const issues = ((done.output as { issues?: { path: string; message: string }[] } | null)?.issues ?? []).map((i) => ({ path: i.path || '(body)', message: i.message }));
      throw new HttpProblem(422, 'instance-rejected', `The optimizer refused this instance: ${done.error ?? 'see errors'}`, issues, { Location: location }, { runId: done.id });
    }
    c.header('Location', location);
    return c.json(runView(done), done.status === 'queued' ? 202 : 201);
  });
}

export function registerSolve(app: OpenAPIHono<AppEnv>) {
  for (const kind of Object.keys(specs) as OptimizationKind[]) register(app, kind, specs[kind]);
}
