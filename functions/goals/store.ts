import { and, asc, count, desc, eq, ne } from 'drizzle-orm';
import { goalMilestones, smartGoals, type GoalStatus } from '@dyocense/db';
import type { Tx } from '@dyocense/core';
import { dailyHistory, loadCatalog, type MetricDefinition } from '@dyocense/metrics';
import type { DailyPoint, SmartAssessment } from '@dyocense/goals';

export type GoalRow = typeof smartGoals.$inferSelect;

const DAY = 86_400_000;

/** The metric's definition and its daily history up to today (two years back). */
export async function metricContext(tx: Tx, name: string, now: Date): Promise<{ metric: MetricDefinition | null; history: DailyPoint[] }> {
  const metric = (await loadCatalog(tx)).get(name) ?? null;
  if (!metric) return { metric: null, history: [] };
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { metric, history: await dailyHistory(tx, metric, new Date(today.getTime() - 730 * DAY), new Date(today.getTime() + DAY)) };
}

export async function insertGoal(tx: Tx, row: typeof smartGoals.$inferInsert): Promise<GoalRow> {
  const [created] = await tx.insert(smartGoals).values(row).returning();
  return created!;
}

export async function findGoal(tx: Tx, id: string): Promise<GoalRow | null> {
  const [row] = await tx.select().from(smartGoals).where(eq(smartGoals.id, id));
  return row ?? null;
}

/** Archived goals only show when asked for by status. */
export async function listGoals(tx: Tx, opts: { status?: GoalStatus; page: number; pageSize: number }) {
  const where = opts.status ? eq(smartGoals.status, opts.status) : ne(smartGoals.status, 'archived');
  const rows = await tx
    .select()
    .from(smartGoals)
    .where(where)
    .orderBy(asc(smartGoals.deadline), desc(smartGoals.createdAt))
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize);
  const [total] = await tx.select({ n: count() }).from(smartGoals).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function updateGoal(tx: Tx, id: string, set: Partial<typeof smartGoals.$inferInsert>): Promise<GoalRow | null> {
  const [row] = await tx.update(smartGoals).set({ ...set, updatedAt: new Date() }).where(eq(smartGoals.id, id)).returning();
  return row ?? null;
}

export async function listMilestones(tx: Tx, goalId: string) {
  const rows = await tx.select().from(goalMilestones).where(eq(goalMilestones.goalId, goalId)).orderBy(asc(goalMilestones.dueDate), asc(goalMilestones.position));
  return rows.map((m) => ({ id: m.id, title: m.title, targetValue: m.targetValue, dueDate: m.dueDate }));
}

export async function addMilestone(tx: Tx, row: typeof goalMilestones.$inferInsert) {
  const [created] = await tx.insert(goalMilestones).values(row).returning();
  return { id: created!.id, title: created!.title, targetValue: created!.targetValue, dueDate: created!.dueDate };
}

export async function goalMetricsInUse(tx: Tx): Promise<string[]> {
  const rows = await tx.selectDistinct({ metric: smartGoals.metric }).from(smartGoals).where(and(ne(smartGoals.status, 'archived'), ne(smartGoals.status, 'missed')));
  return rows.map((r) => r.metric);
}

export function goalView(row: GoalRow) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    metric: row.metric,
    direction: row.direction,
    measure: row.measure,
    targetValue: row.targetValue,
    unit: row.unit,
    area: row.area,
    startDate: row.startDate,
    deadline: row.deadline,
    baselineValue: row.baselineValue,
    status: row.status,
    assessment: row.assessment as SmartAssessment,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
