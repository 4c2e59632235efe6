import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, updatedAt } from './columns';
import { tenants, users } from './identity';
import { businessAreas, directions } from './metrics';

export const goalStatuses = ['created', 'in_progress', 'completed', 'missed', 'archived'] as const;
export type GoalStatus = (typeof goalStatuses)[number];
export const goalMeasures = ['total', 'daily_average', 'level'] as const;
export type GoalMeasure = (typeof goalMeasures)[number];

export const smartGoals = pgTable(
  'smart_goals',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    metric: text('metric').notNull(),
    direction: text('direction', { enum: directions }).notNull(),
    measure: text('measure', { enum: goalMeasures }).notNull(),
    targetValue: doublePrecision('target_value').notNull(),
    unit: text('unit').notNull(),
    area: text('area', { enum: businessAreas }).notNull(),
    startDate: text('start_date').notNull(),
    deadline: text('deadline').notNull(),
    baselineValue: doublePrecision('baseline_value').notNull(),
    status: text('status', { enum: goalStatuses }).notNull().default('created'),
    /** The SMART assessment made when the goal was created or last changed. */
    assessment: jsonb('assessment').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [index('smart_goals_tenant_status_idx').on(t.tenantId, t.status)],
);

export const goalMilestones = pgTable(
  'goal_milestones',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => smartGoals.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    targetValue: doublePrecision('target_value').notNull(),
    dueDate: text('due_date').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('goal_milestones_goal_idx').on(t.goalId)],
);
