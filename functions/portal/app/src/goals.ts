import { apiRequest, withQuery } from './api';

export type Verdict = 'pass' | 'warn' | 'fail';

export interface Criterion {
  criterion: 'specific' | 'measurable' | 'achievable' | 'relevant' | 'time_bound';
  verdict: Verdict;
  message: string;
}

export interface Assessment {
  verdict: Verdict;
  criteria: Criterion[];
}

export interface GoalProgress {
  currentValue: number;
  percentToTarget: number;
  elapsedFraction: number;
  onTrack: boolean;
  projectedValue: number;
  status: 'in_progress' | 'completed' | 'missed';
  message: string;
}

export interface Goal {
  id: string;
  title: string;
  description: string;
  metric: string;
  direction: 'up' | 'down';
  measure: 'total' | 'daily_average' | 'level';
  targetValue: number;
  unit: string;
  startDate: string;
  deadline: string;
  baselineValue: number;
  status: string;
  assessment: Assessment;
}

export interface GoalDetail extends Goal {
  progress: GoalProgress | null;
  milestones: { id: string; title: string; targetValue: number; dueDate: string }[];
}

export interface GoalDraft {
  title: string;
  metric: string;
  measure?: Goal['measure'];
  targetValue?: number;
  startDate?: string;
  deadline?: string;
  description?: string;
}

export interface Suggestion extends Required<Omit<GoalDraft, 'description'>> {
  direction: 'up' | 'down';
  reason: string;
}

export const listGoals = (status?: string) =>
  apiRequest<{ goals: Goal[]; total: number }>('GET', withQuery('/api/goals', { status, pageSize: 100 }));

export const fetchGoal = (id: string) => apiRequest<GoalDetail>('GET', `/api/goals/${encodeURIComponent(id)}`);

export const validateGoal = (draft: GoalDraft) => apiRequest<Assessment>('POST', '/api/goals/validate', draft);

export const createGoal = (draft: GoalDraft) => apiRequest<Goal>('POST', '/api/goals', draft);

export const archiveGoal = (id: string) => apiRequest<void>('DELETE', `/api/goals/${encodeURIComponent(id)}`);

export const suggestGoals = () => apiRequest<{ suggestions: Suggestion[] }>('POST', '/api/goals/suggest').then((r) => r.suggestions);
