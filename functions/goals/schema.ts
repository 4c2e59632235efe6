import { z } from '@hono/zod-openapi';
import { businessAreas, directions, goalMeasures, goalStatuses } from '@dyocense/db';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const GoalDraftBody = z
  .object({
    title: z.string().trim().min(1).max(140).openapi({ example: 'Grow weekday revenue before the summer' }),
    description: z.string().max(2000).default(''),
    metric: z.string().min(1).max(60).openapi({ example: 'revenue' }),
    direction: z.enum(directions).optional(),
    measure: z.enum(goalMeasures).default('total'),
    targetValue: z.number().finite().optional(),
    unit: z.string().max(30).optional(),
    area: z.enum(businessAreas).optional(),
    startDate: Day.optional().openapi({ description: 'Defaults to today.' }),
    deadline: Day.optional(),
  })
  .openapi('GoalDraft');

export const CriterionView = z.object({
  criterion: z.enum(['specific', 'measurable', 'achievable', 'relevant', 'time_bound']),
  verdict: z.enum(['pass', 'warn', 'fail']),
  message: z.string(),
  evidence: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
});
export const AssessmentView = z.object({ verdict: z.enum(['pass', 'warn', 'fail']), criteria: z.array(CriterionView) }).openapi('SmartAssessment');

export const ProgressView = z
  .object({
    currentValue: z.number(),
    percentToTarget: z.number(),
    elapsedFraction: z.number(),
    paceSoFar: z.number(),
    paceNeeded: z.number(),
    onTrack: z.boolean(),
    projectedValue: z.number(),
    status: z.enum(['in_progress', 'completed', 'missed']),
    message: z.string(),
  })
  .openapi('GoalProgress');

export const MilestoneView = z.object({ id: z.uuid(), title: z.string(), targetValue: z.number(), dueDate: z.string() }).openapi('Milestone');
export const MilestoneBody = z.object({ title: z.string().trim().min(1).max(140), targetValue: z.number().finite(), dueDate: Day }).openapi('MilestoneRequest');

export const GoalView = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    metric: z.string(),
    direction: z.enum(directions),
    measure: z.enum(goalMeasures),
    targetValue: z.number(),
    unit: z.string(),
    area: z.enum(businessAreas),
    startDate: z.string(),
    deadline: z.string(),
    baselineValue: z.number(),
    status: z.enum(goalStatuses),
    assessment: AssessmentView,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Goal');

export const GoalDetailView = GoalView.extend({ milestones: z.array(MilestoneView), progress: ProgressView.nullable() }).openapi('GoalDetail');

export const GoalPatchBody = z
  .object({
    title: z.string().trim().min(1).max(140).optional(),
    description: z.string().max(2000).optional(),
    targetValue: z.number().finite().optional(),
    deadline: Day.optional(),
    status: z.enum(['in_progress', 'archived']).optional(),
  })
  .openapi('GoalPatch');

export const ListParams = z.object({
  status: z.enum(goalStatuses).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
