import type { z } from '@hono/zod-openapi';
import { HttpProblem } from '@dyocense/core';
import type { MetricDefinition } from '@dyocense/metrics';
import { assessSmart, computeProgress, goalBaseline, type DailyPoint, type GoalDraft, type SmartAssessment } from '@dyocense/goals';
import type { GoalDraftBody } from './schema';
import type { GoalRow } from './store';

export const today = (now: Date) => now.toISOString().slice(0, 10);

/** The draft as the SMART check reads it: defaults filled from the metric and today. */
export function draftOf(body: z.infer<typeof GoalDraftBody>, metric: MetricDefinition | null, now: Date): GoalDraft {
  return {
    title: body.title,
    metric: body.metric,
    direction: body.direction ?? metric?.direction,
    targetValue: body.targetValue,
    unit: body.unit,
    measure: body.measure,
    startDate: body.startDate ?? today(now),
    deadline: body.deadline,
    area: body.area,
  };
}

/** A goal that fails Specific, Measurable or Time-bound is refused, with the whole assessment. */
export function refuseIfNotSmart(assessment: SmartAssessment): void {
  const failed = assessment.criteria.filter((c) => c.verdict === 'fail');
  if (!failed.length) return;
  throw new HttpProblem(
    422,
    'goal-not-smart',
    `The goal is not SMART yet: ${failed.map((c) => c.message).join(' ')}`,
    failed.map((c) => ({ path: c.criterion, message: c.message })),
    undefined,
    { assessment },
  );
}

export function assess(draft: GoalDraft, metric: MetricDefinition | null, history: DailyPoint[], now: Date): SmartAssessment {
  return assessSmart(draft, { metric, history, now });
}

/** Where the metric stood before the goal began, read like the target. */
export function baselineOf(draft: GoalDraft, metric: MetricDefinition, history: DailyPoint[]): number {
  return goalBaseline({ measure: draft.measure, startDate: draft.startDate, deadline: draft.deadline! }, metric, history) ?? 0;
}

/** Live progress, or null before the goal starts. */
export function progressOf(row: GoalRow, metric: MetricDefinition, history: DailyPoint[], now: Date) {
  if (row.startDate > today(now)) return null;
  return computeProgress(
    {
      metric,
      direction: row.direction,
      targetValue: row.targetValue,
      measure: row.measure,
      startDate: row.startDate,
      deadline: row.deadline,
      baselineValue: row.baselineValue,
    },
    history,
    now,
  );
}

/** The stored lifecycle follows the live numbers: created → in_progress → completed/missed. */
export function lifecycleStatus(row: GoalRow, progress: ReturnType<typeof progressOf>): GoalRow['status'] {
  // Archived stays archived; a reached goal stays reached even if the number slips back.
  if (row.status === 'archived' || row.status === 'completed') return row.status;
  if (!progress) return 'created';
  return progress.status;
}
