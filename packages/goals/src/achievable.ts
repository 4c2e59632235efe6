// "Achievable": compare the growth a target asks for with the best the business has managed
// before. A stretch target is flagged, never refused; only a target that cannot happen fails.
import { formatDay, inclusiveDays, parseDay } from './dates';
import { formatAmount, formatDate, formatPercent, inSentence, round } from './format';
import { bestSustainedGrowth, dailyVariability, monthlyRate, spanDays, toDays, windowMean, type DayValue } from './stats';
import type { CriterionResult, DailyPoint, GoalDraft, MetricInfo } from './types';
import { criterion } from './verdict';

export const MIN_HISTORY_DAYS = 56;

/** `describe` turns the baseline into a sentence, given the metric's label and unit. */
export interface Baseline { value: number; windowDays: number; describe: (label: string, amount: string) => string }

/**
 * Where the metric stands before the goal starts, read the same way as the target:
 * - 'total': the recent daily rate times the goal's length (the last 28 days for goals of up to
 *   90 days, so a growing business is judged on where it is now; the last 90 for longer ones);
 * - 'daily_average': the last 28 days' mean;
 * - 'level': the latest value.
 */
export function baselineFor(measure: GoalDraft['measure'], past: DayValue[], periodDays: number, metric: MetricInfo): Baseline | null {
  const last = past[past.length - 1];
  if (!last) return null;
  if (measure === 'level') {
    return { value: last.value, windowDays: 1, describe: (label, amount) => `On ${formatDate(formatDay(last.day))}, ${inSentence(label)} stood at ${amount}.` };
  }
  if (measure === 'daily_average') {
    const value = windowMean(past, last.day, 28, metric.aggregation);
    return value === null ? null : { value, windowDays: 28, describe: (label, amount) => `Over the last 28 days, ${inSentence(label)} averaged about ${amount} a day.` };
  }
  const windowDays = periodDays <= 90 ? 28 : 90;
  const daily = windowMean(past, last.day, windowDays, metric.aggregation);
  return daily === null
    ? null
    : {
      value: daily * periodDays,
      windowDays,
      describe: (label, amount) => `At the pace of the last ${windowDays} days, ${inSentence(label)} would come to about ${amount} over these ${periodDays} days.`,
    };
}

export function checkAchievable(draft: GoalDraft, ctx: { metric: MetricInfo | null; history: DailyPoint[] }): CriterionResult {
  const { metric } = ctx;
  const target = draft.targetValue;
  const start = parseDay(draft.startDate);
  const deadline = parseDay(draft.deadline);
  if (!metric) return criterion('achievable', [{ verdict: 'warn', message: 'We can only judge this once the goal points at a metric we track.' }], '');
  if (target === undefined || !Number.isFinite(target)) {
    return criterion('achievable', [{ verdict: 'warn', message: 'We can only judge this once there is a target number.' }], '');
  }
  if (start === null || deadline === null || deadline <= start) {
    return criterion('achievable', [{ verdict: 'warn', message: 'We can only judge this once the goal has a valid start date and deadline.' }], '');
  }

  const label = inSentence(metric.label);
  const amount = (v: number) => formatAmount(v, metric.unit);
  const past = toDays(ctx.history).filter((p) => p.day < start);
  const historyDays = spanDays(past);

  // A sum of amounts that have never been negative cannot end up below zero.
  if (metric.aggregation === 'sum' && target < 0 && past.length > 0 && past.every((p) => p.value >= 0)) {
    return criterion('achievable', [{
      verdict: 'fail',
      message: `${metric.label} adds up amounts that have never been negative, so a target of ${amount(target)} cannot happen. Did you mean a positive number?`,
    }], '', { target, historyDays });
  }
  if (historyDays < MIN_HISTORY_DAYS) {
    return criterion('achievable', [{
      verdict: 'warn',
      message: `There is not enough history to judge this yet (${historyDays} days; we need at least ${MIN_HISTORY_DAYS}).`,
    }], '', { historyDays });
  }

  const periodDays = inclusiveDays(start, deadline);
  const months = periodDays / 30;
  const direction = draft.direction ?? metric.direction;
  const sign = direction === 'up' ? 1 : -1;
  const baseline = baselineFor(draft.measure, past, periodDays, metric);
  const best = bestSustainedGrowth(past, metric.aggregation, direction);
  const variability = dailyVariability(past);
  const evidence: Record<string, number | string> = { historyDays, target, periodDays, months: round(months) };
  if (baseline) Object.assign(evidence, { baseline: round(baseline.value), baselineWindowDays: baseline.windowDays });
  if (best) Object.assign(evidence, { bestMonthlyGrowthPct: round(best.monthly * 100, 1), bestWindowDays: best.windowDays });
  if (variability !== null) evidence.dailyVariabilityPct = round(variability * 100, 1);

  if (!baseline || baseline.value <= 0 || target <= 0) {
    const from = baseline ? `from about ${amount(baseline.value)} ` : '';
    return criterion('achievable', [{
      verdict: 'warn',
      message: `Taking ${label} ${from}to ${amount(target)} can't be measured as a growth rate, so history can't tell us how realistic it is.`,
    }], '', evidence);
  }

  const required = monthlyRate(target / baseline.value, periodDays);
  evidence.requiredMonthlyGrowthPct = round(required * 100, 1);
  const standing = baseline.describe(metric.label, amount(baseline.value));
  if (sign * required <= 0) {
    return criterion('achievable', [], `${standing} That already meets the target of ${amount(target)}.`, evidence);
  }

  const grow = direction === 'up' ? 'growing' : 'falling';
  const needs = `${standing} Reaching ${amount(target)} means ${grow} ${formatPercent(Math.abs(required))} a month`;
  const effort = ' Possible, but it would take a change you have not made before; plan what that is.';
  const swing = variability === null ? '' : ` Day to day it swings by about ${formatPercent(variability)}.`;
  if (!best || sign * best.monthly <= 0) {
    return criterion('achievable', [{
      verdict: 'warn',
      message: `${needs}, and your history has no stretch where ${label} ${direction === 'up' ? 'grew' : 'fell'} like that.${swing}${effort}`,
    }], '', evidence);
  }
  const bestText = `${direction === 'up' ? 'growing' : 'falling'} ${formatPercent(Math.abs(best.monthly))} a month over ${best.windowDays} days`;
  if (sign * required > sign * best.monthly) {
    return criterion('achievable', [{
      verdict: 'warn',
      message: `${needs}, faster than your best run so far (${bestText}).${swing}${effort}`,
    }], '', evidence);
  }
  return criterion('achievable', [], `${needs}; your best run so far was ${bestText}, so this is within reach.`, evidence);
}

/**
 * The baseline to store with a new goal (progress measures 'level' and 'daily_average' goals
 * from it): history before the start date, read the way the target is read. Null without history
 * or with an invalid period.
 */
export function goalBaseline(
  goal: { measure: GoalDraft['measure']; startDate: string; deadline: string },
  metric: MetricInfo,
  history: DailyPoint[],
): number | null {
  const start = parseDay(goal.startDate);
  const deadline = parseDay(goal.deadline);
  if (start === null || deadline === null || deadline <= start) return null;
  const past = toDays(history).filter((p) => p.day < start);
  return baselineFor(goal.measure, past, inclusiveDays(start, deadline), metric)?.value ?? null;
}
