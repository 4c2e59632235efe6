import { boolean, doublePrecision, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, updatedAt } from './columns';
import { tenants, users } from './identity';
import { jobs } from './platform';

export const optimizationKinds = ['inventory', 'staffing', 'budget', 'pricing'] as const;
export type OptimizationKind = (typeof optimizationKinds)[number];

/**
 * queued: waiting for (or on) the worker pool. The solver's own outcomes follow
 * (optimal … error). rejected: the engine refused the instance while building the model
 * (e.g. too many assignment options). failed: the job itself failed (crash, lost worker).
 */
export const optimizationRunStatuses = ['queued', 'optimal', 'feasible', 'infeasible', 'unbounded', 'no_solution', 'error', 'rejected', 'failed'] as const;
export type OptimizationRunStatus = (typeof optimizationRunStatuses)[number];

/**
 * One optimization: the input as the caller sent it, the input actually solved (after saved
 * settings and the tenant's own data filled the gaps, with notes saying what came from where),
 * and the engine's result. Inserted queued when the request arrives; the job's apply writes the
 * result in the transaction that marks the job succeeded.
 */
export const optimizationRuns = pgTable(
  'optimization_runs',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: optimizationKinds }).notNull(),
    status: text('status', { enum: optimizationRunStatuses }).notNull().default('queued'),
    jobId: uuid('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    /** The request body as given. */
    input: jsonb('input').notNull(),
    /** What the engine was asked to solve. */
    solvedInput: jsonb('solved_input').notNull(),
    /** Where each filled value came from ("demand for MILK-OAT: 8-week history of orders"). */
    notes: jsonb('notes').$type<string[]>().notNull().default([]),
    /** The engine's result (status, objective, decisions, binding constraints, shadow prices, explanation, diagnosis). */
    output: jsonb('output'),
    objective: doublePrecision('objective'),
    /** Engine that produced the plan (glpk, highs), or null. */
    solver: text('solver'),
    solveMs: doublePrecision('solve_ms'),
    /** Relative MIP gap the solve was allowed (optimality is proven within it). */
    mipGap: doublePrecision('mip_gap'),
    proven: boolean('proven'),
    error: text('error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    // Listing newest first with keyset pagination on (created_at, id), optionally by kind.
    index('optimization_runs_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('optimization_runs_tenant_kind_created_idx').on(t.tenantId, t.kind, t.createdAt.desc(), t.id.desc()),
  ],
);

/**
 * A tenant's saved settings per model kind (the SKU catalog, the staff roster, channel response
 * curves, storage and cash limits): what fills a request's missing fields. One row per kind.
 */
export const optimizationConstraints = pgTable(
  'optimization_constraints',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: optimizationKinds }).notNull(),
    settings: jsonb('settings').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('optimization_constraints_tenant_kind_idx').on(t.tenantId, t.kind)],
);
