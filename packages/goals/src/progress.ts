// Progress of a running goal: where the metric stands, how fast it is moving, and whether that
// pace reaches the target by the deadline. Only complete days count: today's figures are partial.
import { dayOf, inclusiveDays, parseDay } from './dates';
import { formatAmount, formatDate, formatPercent, inSentence } from './format';
import { toDays, type DayValue } from './stats';
import type { DailyPoint, Direction, GoalDraft, MetricInfo } from './types';

export interface GoalForProgress {
  metric: MetricInfo;
  direction: Direction;
  targetValue: number;
  measure: GoalDraft['measure'];
  startDate: string;
  deadline: string;
  /** Where the metric stood when the goal began, read like the target (a total, a daily average or a level). */
  baselineValue: number;
}

export interface Progress {
  currentValue: number;
  percentToTarget: number;
  elapsedFraction: number;
  paceSoFar: number;
  paceNeeded: number;
  onTrack: boolean;
  projectedValue: number;
  status: 'in_progress' | 'completed' | 'missed';
  message: string;
}

export function computeProgress(goal: GoalForProgress, history: DailyPoint[], now: Date): Progress {
  const start = parseDay(goal.startDate);
  const deadline = parseDay(goal.deadline);
  if (start === null || deadline === null || deadline < start) {
    throw new RangeError(`goal dates are not a valid period: ${goal.startDate} to ${goal.deadline}`);
  }
  const totalDays = inclusiveDays(start, deadline);
  const today = dayOf(now);
  const elapsedDays = Math.min(Math.max(today - start, 0), totalDays);
  const remainingDays = totalDays - elapsedDays;
  const ended = remainingDays === 0;
  const points = toDays(history).filter((p) => p.day >= start && p.day <= deadline && p.day < today);
  const sign = goal.direction === 'up' ? 1 : -1;
  const target = goal.targetValue;
  const baseline = goal.baselineValue;

  const currentValue = currentOf(goal, points, start);
  const pastTarget = sign * (currentValue - target) >= 0;
  let status: Progress['status'] = 'in_progress';
  if (goal.measure === 'total' && goal.direction === 'down') {
    // A limit on a total: it is only kept once the period is over, and broken as soon as it is passed.
    if (currentValue > target) status = 'missed';
    else if (ended) status = 'completed';
  } else if (goal.measure === 'daily_average') {
    // An average moves until the last day, so it is judged at the deadline.
    if (ended) status = pastTarget ? 'completed' : 'missed';
  } else if (pastTarget) status = 'completed';
  else if (ended) status = 'missed';

  const fromZero = goal.measure === 'total';
  const origin = fromZero ? 0 : baseline;
  const paceSoFar = elapsedDays > 0 ? (currentValue - origin) / elapsedDays : 0;
  const paceNeeded = status === 'in_progress' && remainingDays > 0 ? (target - currentValue) / remainingDays : 0;
  // Before any day is complete, a total is expected to repeat the baseline period.
  const straightLine = elapsedDays > 0 ? currentValue + paceSoFar * remainingDays : fromZero ? baseline : currentValue;
  // Amounts that add up sales or refunds do not go below zero, however steep the fall so far.
  const projectedValue = goal.metric.aggregation === 'sum' && currentValue >= 0 ? Math.max(0, straightLine) : straightLine;
  const onTrack = status === 'completed' || (status === 'in_progress' && sign * (projectedValue - target) >= 0);

  const progress = {
    currentValue,
    percentToTarget: percentOf(currentValue, origin, target, sign),
    elapsedFraction: elapsedDays / totalDays,
    paceSoFar,
    paceNeeded,
    onTrack,
    projectedValue,
    status,
  };
  return { ...progress, message: describe(goal, progress) };
}

function currentOf(goal: GoalForProgress, points: DayValue[], start: number): number {
  const last = points[points.length - 1];
  if (!last) return goal.measure === 'total' ? 0 : goal.baselineValue;
  const sum = points.reduce((acc, p) => acc + p.value, 0);
  if (goal.measure === 'total') return sum;
  if (goal.measure === 'level') return last.value;
  // For a summed metric a day without rows sold nothing, so it counts as zero.
  return goal.metric.aggregation === 'sum' ? sum / inclusiveDays(start, last.day) : sum / points.length;
}

/**
 * Share of the way from the origin (0 for totals, the baseline otherwise) to the target; never
 * below 0. For a limit on a total (direction down) it is the share of the limit used so far.
 */
function percentOf(current: number, origin: number, target: number, sign: number): number {
  const gap = target - origin;
  const reached = sign * (current - target) >= 0 ? 100 : 0;
  if (gap === 0) return reached;
  if (origin === 0 && target > 0) return Math.max(0, (current / target) * 100);
  if (sign * gap < 0) return reached; // the target was already met at the start
  return Math.max(0, ((current - origin) / gap) * 100);
}

function describe(goal: GoalForProgress, p: Omit<Progress, 'message'>): string {
  const label = inSentence(goal.metric.label);
  const Label = goal.metric.label;
  const amount = (v: number) => formatAmount(v, goal.metric.unit);
  const by = formatDate(goal.deadline);
  const perDay = goal.measure === 'daily_average' ? ' a day' : '';
  const target = amount(goal.targetValue);
  const isLimit = goal.measure === 'total' && goal.direction === 'down';

  if (p.status === 'completed') {
    if (isLimit) return `Done: ${label} came to ${amount(p.currentValue)} over the goal, within your limit of ${target}.`;
    return `Done: ${label} reached ${amount(p.currentValue)}${perDay}, past your target of ${target}${perDay}.`;
  }
  if (p.status === 'missed') {
    if (isLimit) return `${Label} reached ${amount(p.currentValue)}, past your limit of ${target} for the period ending ${by}.`;
    return `The deadline (${by}) has passed: ${label} ended at ${amount(p.currentValue)}${perDay} against a target of ${target}${perDay} (${Math.round(p.percentToTarget)}% of the way).`;
  }
  const time = `with ${formatPercent(p.elapsedFraction)} of the time gone`;
  if (goal.measure === 'total') {
    const head = isLimit
      ? `${Label} so far: ${amount(p.currentValue)} of your ${target} limit, ${time}.`
      : `${Label} so far: ${amount(p.currentValue)} of ${target} (${Math.round(p.percentToTarget)}%), ${time}.`;
    const pace = `At ${amount(p.paceSoFar)} a day you would end near ${amount(p.projectedValue)} by ${by}`;
    if (p.onTrack) return `${head} ${pace}, ${isLimit ? 'within the limit' : 'on course for the target'}.`;
    const fix = isLimit ? `keep it under ${amount(p.paceNeeded)} a day from here` : `${amount(p.paceNeeded)} a day from here would reach the target`;
    return `${head} ${pace}; ${fix}.`;
  }
  const head = `${Label} now: ${amount(p.currentValue)}${perDay}, from ${amount(goal.baselineValue)} at the start (target ${target}): ${Math.round(p.percentToTarget)}% of the way, ${time}.`;
  const pace = `At this pace it would be about ${amount(p.projectedValue)} by ${by}`;
  if (p.onTrack) return `${head} ${pace}, on course for the target.`;
  const verb = p.paceNeeded >= 0 ? 'rise' : 'fall';
  return `${head} ${pace}; it needs to ${verb} ${amount(Math.abs(p.paceNeeded))} a day from here.`;
}
