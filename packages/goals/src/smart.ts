// SMART check of a goal draft. Each criterion gives a verdict and a sentence the owner can act on;
// the goal's verdict is the worst of the five.
import { checkAchievable } from './achievable';
import { dayOf, formatDay, inclusiveDays, parseDay } from './dates';
import { formatAmount, formatDate, inSentence } from './format';
import type { CriterionResult, DailyPoint, GoalDraft, MetricInfo, Verdict } from './types';
import { criterion, worstVerdict, type Finding } from './verdict';

export interface SmartContext { metric: MetricInfo | null; history: DailyPoint[]; now: Date }
export interface SmartAssessment { verdict: Verdict; criteria: CriterionResult[] }

export function assessSmart(draft: GoalDraft, ctx: SmartContext): SmartAssessment {
  const criteria = [
    checkSpecific(draft, ctx.metric),
    checkMeasurable(draft, ctx.metric),
    checkAchievable(draft, ctx),
    checkRelevant(draft, ctx.metric),
    checkTimeBound(draft, ctx.now),
  ];
  return { verdict: worstVerdict(criteria.map((c) => c.verdict)), criteria };
}

const VERB = { up: 'raise', down: 'lower' } as const;
const BETTER = { up: 'higher', down: 'lower' } as const;
const MEASURE_TEXT: Record<GoalDraft['measure'], string> = {
  total: 'the total',
  daily_average: 'the average per day',
  level: 'the level at the deadline',
};

export function checkSpecific(draft: GoalDraft, metric: MetricInfo | null): CriterionResult {
  if (!metric) {
    return criterion('specific', [{ verdict: 'fail', message: `We don't track a metric called "${draft.metric}", so this goal has nothing to point at. Pick one from your connected data.` }], '');
  }
  const label = inSentence(metric.label);
  const title = draft.title.trim();
  if (title === '') {
    return criterion('specific', [{ verdict: 'fail', message: `Give the goal a name that says what should change, for example "${VERB[metric.direction]} ${label} by spring".` }], '');
  }
  const findings: Finding[] = [];
  const direction = draft.direction ?? metric.direction;
  if (title.split(/\s+/).length < 3) {
    findings.push({ verdict: 'warn', message: `"${title}" is a little vague; a short sentence such as "${VERB[direction]} ${label} to …" says more.` });
  }
  if (direction !== metric.direction) {
    findings.push({ verdict: 'warn', message: `You aim to ${VERB[direction]} ${label}; ${label} is normally better ${BETTER[metric.direction]} — is that intended?` });
  }
  return criterion('specific', findings, `This goal aims to ${VERB[direction]} ${label}.`, { metric: metric.name, direction });
}

export function checkMeasurable(draft: GoalDraft, metric: MetricInfo | null): CriterionResult {
  const target = draft.targetValue;
  if (target === undefined || !Number.isFinite(target)) {
    return criterion('measurable', [{ verdict: 'fail', message: 'Set a target number, so we can tell when the goal is reached.' }], '');
  }
  if (!metric) return criterion('measurable', [], `The target is ${target}.`, { target });
  const label = inSentence(metric.label);
  const unit = draft.unit?.trim() ?? '';
  if (unit !== '' && unit.toLowerCase() !== metric.unit.trim().toLowerCase()) {
    return criterion('measurable', [{ verdict: 'fail', message: `The target is in "${unit}" but ${label} is measured in "${metric.unit}". Give the target in ${metric.unit} so the two compare.` }], '', { unit, metricUnit: metric.unit });
  }
  const findings: Finding[] = [];
  if (draft.measure === 'total' && metric.aggregation !== 'sum') {
    findings.push({ verdict: 'warn', message: `${metric.label} is ${metric.aggregation === 'avg' ? 'an average' : 'a level'}, so adding it up over the period means little; a target for the average per day or the level at the deadline reads better.` });
  }
  if (metric.aggregation === 'sum' && target <= 0) {
    findings.push({ verdict: 'warn', message: `A target of ${formatAmount(target, metric.unit)} for ${label} means none at all — fine for something like refunds, but check that is what you mean.` });
  }
  return criterion('measurable', findings, `Progress is ${MEASURE_TEXT[draft.measure]} of ${label}, against a target of ${formatAmount(target, metric.unit)}.`, { target, unit: metric.unit, measure: draft.measure });
}

export function checkRelevant(draft: GoalDraft, metric: MetricInfo | null): CriterionResult {
  if (!metric) {
    return criterion('relevant', [{ verdict: 'warn', message: 'We can check which part of the business this serves once the metric is known.' }], '');
  }
  const label = inSentence(metric.label);
  const evidence = { metricArea: metric.area, area: draft.area ?? metric.area };
  if (draft.area === undefined) {
    return criterion('relevant', [{ verdict: 'warn', message: `No business area was given; ${label} is a ${metric.area} number, so we filed the goal under ${metric.area}.` }], '', evidence);
  }
  if (draft.area !== metric.area) {
    return criterion('relevant', [{ verdict: 'warn', message: `The goal is filed under ${draft.area}, but ${label} is a ${metric.area} number. Is ${draft.area} the area you mean?` }], '', evidence);
  }
  return criterion('relevant', [], `${metric.label} is a ${metric.area} number, and the goal is filed under ${metric.area}.`, evidence);
}

export const MIN_PERIOD_DAYS = 7;
export const MAX_PERIOD_DAYS = 731; // two years, counting both ends

export function checkTimeBound(draft: GoalDraft, now: Date): CriterionResult {
  const start = parseDay(draft.startDate);
  if (start === null) {
    return criterion('time_bound', [{ verdict: 'fail', message: `The start date "${draft.startDate}" is not a valid date (YYYY-MM-DD).` }], '');
  }
  if (draft.deadline === undefined || draft.deadline.trim() === '') {
    return criterion('time_bound', [{ verdict: 'fail', message: 'Add a deadline: the date by which the target should be reached.' }], '');
  }
  const deadline = parseDay(draft.deadline);
  if (deadline === null) {
    return criterion('time_bound', [{ verdict: 'fail', message: `The deadline "${draft.deadline}" is not a valid date (YYYY-MM-DD).` }], '');
  }
  const today = dayOf(now);
  if (deadline <= today) {
    return criterion('time_bound', [{ verdict: 'fail', message: `The deadline, ${formatDate(draft.deadline)}, is not after today (${formatDate(formatDay(today))}). Pick a date in the future.` }], '', { deadline: draft.deadline, today: formatDay(today) });
  }
  if (deadline <= start) {
    return criterion('time_bound', [{ verdict: 'fail', message: `The deadline, ${formatDate(draft.deadline)}, must come after the start date, ${formatDate(draft.startDate)}.` }], '', { startDate: draft.startDate, deadline: draft.deadline });
  }
  const periodDays = inclusiveDays(start, deadline);
  const evidence = { periodDays, startDate: draft.startDate, deadline: draft.deadline };
  const span = `${periodDays} days, from ${formatDate(draft.startDate)} to ${formatDate(draft.deadline)}`;
  if (periodDays < MIN_PERIOD_DAYS) {
    return criterion('time_bound', [{ verdict: 'warn', message: `The goal runs only ${span}; a week of ordinary ups and downs can decide it. A month or more gives a fairer read.` }], '', evidence);
  }
  if (periodDays > MAX_PERIOD_DAYS) {
    return criterion('time_bound', [{ verdict: 'warn', message: `The goal runs ${span}, more than two years; split it into shorter steps you can check along the way.` }], '', evidence);
  }
  return criterion('time_bound', [], `The goal runs ${span}.`, evidence);
}
