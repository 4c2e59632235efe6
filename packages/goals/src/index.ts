// SMART goal logic shared by functions (goals, coach): SMART checks, progress and suggestions. No I/O.
export { assessSmart, type SmartAssessment, type SmartContext } from './smart';
export { goalBaseline } from './achievable';
export { computeProgress, type GoalForProgress, type Progress } from './progress';
export { suggestGoals, type GoalSuggestion, type SuggestInput } from './suggest';
export type {
  Aggregation, BusinessArea, CriterionResult, DailyPoint, Direction, GoalDraft, MetricInfo, Verdict,
} from './types';
