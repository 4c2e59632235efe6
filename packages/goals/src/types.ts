export type Aggregation = 'sum' | 'avg' | 'last';
export type Direction = 'up' | 'down';          // which way is good for the metric
export type BusinessArea = 'sales' | 'operations' | 'marketing' | 'inventory' | 'customers' | 'finance';
export interface MetricInfo { name: string; label: string; unit: string; aggregation: Aggregation; direction: Direction; area: BusinessArea }
/** Daily history of a metric, oldest first; value = that day's aggregate (sum, avg or last). Missing days are absent. */
export interface DailyPoint { date: string /* YYYY-MM-DD */; value: number }
export interface GoalDraft {
  title: string;
  metric: string;                 // catalog name
  direction?: Direction;          // defaults to the metric's direction
  targetValue?: number;
  unit?: string;
  /** How the target is read: the metric's total over the period ('total'), its average per day ('daily_average'), or its level at the deadline ('level'). */
  measure: 'total' | 'daily_average' | 'level';
  startDate: string;              // YYYY-MM-DD
  deadline?: string;              // YYYY-MM-DD
  area?: BusinessArea;
}
export type Verdict = 'pass' | 'warn' | 'fail';
export interface CriterionResult { criterion: 'specific' | 'measurable' | 'achievable' | 'relevant' | 'time_bound'; verdict: Verdict; message: string; evidence?: Record<string, number | string> }
