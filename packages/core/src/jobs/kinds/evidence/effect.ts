// "What did this dated action do?": difference-in-differences against a comparison series
// (by default the same weeks a year earlier), an event study, or a before/after regression.
import { beforeAfter, differenceInDifferences, eventStudy, type PanelObservation, type RefutationReport } from '@dyocense/evidence';
import { daysBetween, mean, present, type DailyValues } from './series';

export type EffectMethod = 'did' | 'event-study' | 'its';

export interface EffectInput {
  metric: string;
  label: string;
  unit: string;
  method: EffectMethod;
  actionDate: string;
  /** Last day the action was in force (inclusive). */
  endDate: string;
  dates: string[];
  values: DailyValues;
  /** Required for did / event-study: aligned to `dates`; already on the metric's scale. */
  control?: { name: string; values: DailyValues };
}

export interface EffectResult {
  method: EffectMethod;
  /** Average change of the metric per day while the action was in force. */
  effect: number;
  se: number;
  ci: [number, number];
  pValue: number | null;
  refutations: RefutationReport;
  details: Record<string, unknown>;
  summary: string;
  narrative: string;
  days: { before: number; after: number };
}

/**
 * With one treated and one comparison series every week has its own fixed effect, so the event
 * study can afford only a few separate pre-action weeks; earlier ones are pooled into one bin.
 */
const MAX_LEADS = 4;

/** Weeks with at least this many days of data in both series enter the weekly panel. */
const MIN_DAYS_IN_WEEK = 5;

export function estimateEffect(input: EffectInput): EffectResult {
  const actionIndex = input.dates.indexOf(input.actionDate);
  const endIndex = input.dates.indexOf(input.endDate);
  if (actionIndex < 0 || endIndex < actionIndex) throw new Error('the action window is outside the data');
  const result = input.method === 'its' ? beforeAfterEffect(input, actionIndex, endIndex) : panelEffect(input, actionIndex, endIndex);
  const { effect, ci } = result;
  const words = `${input.label}, ${input.actionDate}…${input.endDate}`;
  const comparison = input.method === 'its' ? 'its own earlier trend and weekday pattern' : `${input.control?.name ?? 'the comparison series'}`;
  const clear = ci[0] > 0 || ci[1] < 0;
  const narrative = [
    `${words}: ${input.metric} changed by ${signed(effect)} a day on average while it ran (95% interval ${signed(ci[0])} to ${signed(ci[1])}), judged against ${comparison}.`,
    clear ? '' : 'The interval includes zero, so the data cannot rule out that it did nothing.',
    result.refutations.passed ? 'It passed the placebo-date, random-common-cause and data-subset checks.' : `Caution: ${result.refutations.summary}`,
  ].filter(Boolean).join(' ');
  return { ...result, narrative };
}

const signed = (v: number) => `${v < 0 ? '−' : '+'}${Math.abs(v).toLocaleString('en-US', { maximumFractionDigits: 1 })}`;

/** Weekly means relative to the action (week 0 starts on the action day), both series. */
function weeklyPanel(input: EffectInput, actionIndex: number, endIndex: number): { panel: PanelObservation[]; weeksBefore: number; weeksAfter: number } {
  const control = input.control!;
  const panel: PanelObservation[] = [];
  let weeksBefore = 0;
  let weeksAfter = 0;
  const firstWeek = -Math.floor(actionIndex / 7);
  const lastWeek = Math.floor((endIndex - actionIndex) / 7);
  for (let w = firstWeek; w <= lastWeek; w++) {
    const days = Array.from({ length: 7 }, (_, k) => actionIndex + w * 7 + k).filter((i) => i >= 0 && i <= endIndex);
    const a = present(input.values, days);
    const b = present(control.values, days);
    if (a.length < MIN_DAYS_IN_WEEK || b.length < MIN_DAYS_IN_WEEK) continue;
    panel.push({ unit: 'treated', time: w, value: mean(a), treated: true }, { unit: 'comparison', time: w, value: mean(b), treated: false });
    if (w < 0) weeksBefore++;
    else weeksAfter++;
  }
  return { panel, weeksBefore, weeksAfter };
}

/**
 * For the event study: each weekday of each series is a unit (Mondays of this year, Mondays of
 * the comparison, …) observed once a week. Every week-since-action effect then rests on seven
 * days rather than one weekly mean, the weekday pattern is absorbed by the unit effects, and
 * with 14 units the errors are clustered by unit.
 */
function weekdayPanel(input: EffectInput, actionIndex: number, endIndex: number): PanelObservation[] {
  const panel: PanelObservation[] = [];
  for (let i = 0; i <= endIndex; i++) {
    const week = Math.floor((i - actionIndex) / 7);
    const weekday = (((i - actionIndex) % 7) + 7) % 7;
    const a = input.values[i];
    const b = input.control!.values[i];
    if (a == null || b == null) continue;
    panel.push({ unit: `treated:${weekday}`, time: week, value: a, treated: true }, { unit: `comparison:${weekday}`, time: week, value: b, treated: false });
  }
  return panel;
}

function panelEffect(input: EffectInput, actionIndex: number, endIndex: number): Omit<EffectResult, 'narrative'> {
  const { panel, weeksBefore, weeksAfter } = weeklyPanel(input, actionIndex, endIndex);
  if (weeksBefore < 3 || weeksAfter < 1) {
    throw new RangeError(`needs at least 3 weeks before and 1 after the action with data in both series (found ${weeksBefore} and ${weeksAfter})`);
  }
  const days = { before: weeksBefore * 7, after: daysBetween(input.actionDate, input.endDate) + 1 };
  if (input.method === 'event-study') {
    const r = eventStudy(weekdayPanel(input, actionIndex, endIndex), { actionTime: 0, outcomeName: input.metric, maxLeads: MAX_LEADS, maxLags: Math.max(1, weeksAfter - 1) });
    return {
      method: 'event-study', effect: r.averageEffect, se: r.averageSe, ci: r.averageCi, pValue: null, refutations: r.refutations!,
      details: { effects: r.effects, preTrend: r.preTrend, weeksBefore, weeksAfter, comparison: input.control!.name }, summary: r.summary, days,
    };
  }
  const r = differenceInDifferences(panel, { actionTime: 0, outcomeName: input.metric });
  return {
    method: 'did', effect: r.effect, se: r.se, ci: r.ci, pValue: r.pValue, refutations: r.refutations!,
    details: { means: r.means, standardErrors: r.standardErrors, weeksBefore, weeksAfter, comparison: input.control!.name }, summary: r.summary, days,
  };
}

function beforeAfterEffect(input: EffectInput, actionIndex: number, endIndex: number): Omit<EffectResult, 'narrative'> {
  const values: number[] = [];
  let before = 0;
  for (let i = 0; i <= endIndex; i++) {
    const v = input.values[i];
    if (v == null) continue;
    values.push(v);
    if (i < actionIndex) before++;
  }
  const r = beforeAfter(values, { actionIndex: before, seasonLength: 7, outcomeName: input.metric });
  return {
    method: 'its', effect: r.effect, se: r.se, ci: r.ci, pValue: r.pValue, refutations: r.refutations!,
    details: { levelChange: r.levelChange, slopeChange: r.slopeChange, hacLag: r.hacLag }, summary: r.summary,
    days: { before, after: values.length - before },
  };
}
