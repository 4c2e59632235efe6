// Goal ideas drawn from the owner's own numbers. Each idea names what moved, by how much, and a
// target that history says is reachable. Same input, same list: no randomness, a fixed order.
import { dayOf, formatDay } from './dates';
import { formatAmount, formatDate, formatPercent, inSentence, round } from './format';
import { assessSmart } from './smart';
import { mean, sampleStdDev, spanDays, toDays, windowMean, type DayValue } from './stats';
import type { BusinessArea, DailyPoint, Direction, GoalDraft, MetricInfo } from './types';

export interface SuggestInput {
  metrics: { info: MetricInfo; history: DailyPoint[] }[];
  now: Date;
  existingGoalMetrics: string[];
}

export interface GoalSuggestion {
  title: string;
  metric: string;
  direction: Direction;
  measure: GoalDraft['measure'];
  targetValue: number;
  startDate: string;
  deadline: string;
  area: BusinessArea;
  reason: string;
  evidence: Record<string, number | string>;
}

export const MAX_SUGGESTIONS = 5;
const WINDOW_DAYS = 56;          // "the last 8 weeks"
const MIN_CHANGE = 0.05;         // smaller moves are not worth a goal
const NOISE_T = 2;               // a change must be about twice the week-to-week swing
const BEST_MONTH_GAP = 0.2;      // "far below its best month" = at least 20% short of it

interface Series { info: MetricInfo; points: DayValue[]; last: number }
interface Idea { score: number; title: string; measure: GoalDraft['measure']; targetValue: number; periodDays: number; reason: string; evidence: Record<string, number | string> }

export function suggestGoals(input: SuggestInput): GoalSuggestion[] {
  const today = dayOf(input.now);
  const startDate = formatDay(today);
  const taken = new Set(input.existingGoalMetrics);
  const series = new Map<string, Series>();
  for (const { info, history } of input.metrics) {
    const points = toDays(history).filter((p) => p.day < today);
    const last = points[points.length - 1];
    if (last && spanDays(points) >= 2 * WINDOW_DAYS) series.set(info.name, { info, points, last: last.day });
  }
  const revenue = series.get('revenue');

  const picks: (GoalSuggestion & { score: number })[] = [];
  for (const s of [...series.values()].sort((a, b) => a.info.name.localeCompare(b.info.name))) {
    if (taken.has(s.info.name)) continue;
    // On a tie the earlier rule wins: costs against revenue say the most, then a trend.
    const ideas = [costOutgrowingRevenue(s, revenue), wrongWayTrend(s), farFromBestMonth(s)];
    const best = ideas.reduce<Idea | null>((top, idea) => (idea && (!top || tidy(idea.score) > tidy(top.score)) ? idea : top), null);
    if (!best) continue;
    const suggestion: GoalSuggestion = {
      title: best.title,
      metric: s.info.name,
      direction: s.info.direction,
      measure: best.measure,
      targetValue: best.targetValue,
      startDate,
      deadline: formatDay(today + best.periodDays - 1),
      area: s.info.area,
      reason: best.reason,
      evidence: best.evidence,
    };
    // Never offer a goal our own SMART check would refuse.
    const history = input.metrics.find((m) => m.info.name === s.info.name)?.history ?? [];
    const smart = assessSmart({ ...suggestion, unit: s.info.unit }, { metric: s.info, history, now: input.now });
    if (smart.verdict !== 'fail') picks.push({ ...suggestion, score: best.score });
  }
  return picks
    .sort((a, b) => tidy(b.score) - tidy(a.score) || a.metric.localeCompare(b.metric))
    .slice(0, MAX_SUGGESTIONS)
    .map(({ score: _score, ...rest }) => rest);
}

/** Scores compared to 9 decimals, so 0.8 − 1 and 0.2 count as the same size of problem. */
function tidy(score: number): number {
  return round(score, 9);
}

/** "rose 10.0%" / "fell 20.0%" */
function moved(change: number): string {
  return `${change < 0 ? 'fell' : 'rose'} ${formatPercent(Math.abs(change))}`;
}

/** Three significant figures: 1034.57 → 1030, 12.345 → 12.3. */
export function roundTarget(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(value))) - 2);
  return round(Math.round(value / step) * step, 6);
}

/** Mean per day of the 8 weeks ending `weeksBack` weeks before the last day, and its 8 weekly means. */
function eightWeeks(s: Series, weeksBack: number): { daily: number; weekly: number[] } | null {
  const end = s.last - 7 * weeksBack;
  const daily = windowMean(s.points, end, WINDOW_DAYS, s.info.aggregation);
  const weekly: number[] = [];
  for (let w = 0; w < 8; w++) {
    const m = windowMean(s.points, end - 7 * w, 7, s.info.aggregation);
    if (m !== null) weekly.push(m);
  }
  return daily === null || weekly.length < 8 ? null : { daily, weekly };
}

/** Last 8 weeks against the 8 before: relative change and how many "standard errors" it is. */
function recentChange(s: Series): { recent: number; prior: number; change: number; t: number } | null {
  const recent = eightWeeks(s, 0);
  const prior = eightWeeks(s, 8);
  if (!recent || !prior || prior.daily <= 0) return null;
  const diff = mean(recent.weekly) - mean(prior.weekly);
  const se = Math.sqrt((sampleStdDev(recent.weekly) ** 2 + sampleStdDev(prior.weekly) ** 2) / 8);
  const t = se === 0 ? (diff === 0 ? 0 : Math.sign(diff) * Infinity) : diff / se;
  return { recent: recent.daily, prior: prior.daily, change: recent.daily / prior.daily - 1, t };
}

function wrongWayTrend(s: Series): Idea | null {
  const c = recentChange(s);
  const sign = s.info.direction === 'up' ? 1 : -1;
  if (!c || sign * c.change > -MIN_CHANGE || sign * c.t > -NOISE_T) return null;
  const amount = (v: number) => formatAmount(v, s.info.unit);
  const label = inSentence(s.info.label);
  const targetValue = roundTarget(c.prior);
  return {
    score: Math.abs(c.change),
    title: `Bring ${label} back to ${amount(targetValue)} a day`,
    measure: 'daily_average',
    targetValue,
    periodDays: WINDOW_DAYS,
    reason: `Over the last 8 weeks ${label} averaged ${amount(c.recent)} a day, ${formatPercent(Math.abs(c.change))} ${c.change < 0 ? 'less' : 'more'} than the 8 weeks before (${amount(c.prior)} a day) — more than the usual week-to-week swing. Getting back to ${amount(targetValue)} a day over the next 8 weeks undoes that.`,
    evidence: { recentDailyAverage: round(c.recent), priorDailyAverage: round(c.prior), changePct: round(c.change * 100, 1), noiseRatio: Number.isFinite(c.t) ? round(Math.abs(c.t), 1) : 'no week-to-week swing' },
  };
}

function farFromBestMonth(s: Series): Idea | null {
  const blocks: { end: number; mean: number }[] = [];
  const first = s.points[0];
  if (!first) return null;
  for (let end = s.last; end - 27 >= first.day; end -= 28) {
    const m = windowMean(s.points, end, 28, s.info.aggregation);
    if (m !== null) blocks.push({ end, mean: m });
  }
  const [recent, ...earlier] = blocks;
  if (!recent || earlier.length === 0) return null;
  const up = s.info.direction === 'up';
  const best = earlier.reduce((b, x) => ((up ? x.mean > b.mean : x.mean < b.mean) ? x : b));
  if (best.mean <= 0) return null;
  const gap = (up ? best.mean - recent.mean : recent.mean - best.mean) / best.mean;
  const recentDays = s.points.filter((p) => p.day > recent.end - 28).map((p) => p.value);
  const noise = (2 * sampleStdDev(recentDays)) / Math.sqrt(28);
  if (gap < BEST_MONTH_GAP || Math.abs(best.mean - recent.mean) <= noise) return null;
  const targetValue = roundTarget(recent.mean + (best.mean - recent.mean) / 2);
  const amount = (v: number) => formatAmount(v, s.info.unit);
  const label = inSentence(s.info.label);
  return {
    score: gap,
    title: `${up ? 'Lift' : 'Cut'} ${label} to ${amount(targetValue)} a day`,
    measure: 'daily_average',
    targetValue,
    periodDays: 90,
    reason: `${s.info.label} averaged ${amount(recent.mean)} a day over the last 4 weeks, ${formatPercent(gap)} ${up ? 'below' : 'above'} its best 4 weeks (${amount(best.mean)} a day, up to ${formatDate(formatDay(best.end))}). Closing half that gap in 90 days means ${amount(targetValue)} a day.`,
    evidence: { recentDailyAverage: round(recent.mean), bestDailyAverage: round(best.mean), bestPeriodEnd: formatDay(best.end), gapPct: round(gap * 100, 1) },
  };
}

function costOutgrowingRevenue(s: Series, revenue: Series | undefined): Idea | null {
  if (!revenue || s.info.direction !== 'down' || !s.info.name.includes('cost')) return null;
  const cost = recentChange(s);
  const sales = recentChange(revenue);
  if (!cost || !sales || sales.prior <= 0) return null;
  const excess = cost.change - sales.change;
  if (excess <= MIN_CHANGE) return null;
  // The cost it would be at its earlier share of revenue.
  const share = cost.prior / sales.prior;
  const targetValue = roundTarget(sales.recent * share);
  if (targetValue <= 0) return null;
  const amount = (v: number) => formatAmount(v, s.info.unit);
  const label = inSentence(s.info.label);
  return {
    score: excess,
    title: `Hold ${label} to ${amount(targetValue)} a day`,
    measure: 'daily_average',
    targetValue,
    periodDays: WINDOW_DAYS,
    reason: `Over the last 8 weeks ${label} ${moved(cost.change)} while revenue ${moved(sales.change)}, so it now takes a bigger slice of every sale. At its earlier share (${formatPercent(share)} of revenue) it would be ${amount(targetValue)} a day.`,
    evidence: { costChangePct: round(cost.change * 100, 1), revenueChangePct: round(sales.change * 100, 1), earlierSharePct: round(share * 100, 1), recentDailyAverage: round(cost.recent) },
  };
}
