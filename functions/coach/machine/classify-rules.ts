// What the owner is asking, read with plain rules: the intent, the metric, the week or the day.
// Pure, so every rule is tested; a question no rule recognises is 'unknown' (a model may then
// pick tools, or a metrics overview answers).

export type Intent = 'explain_change' | 'staffing' | 'reorder' | 'goal_progress' | 'goal_plan' | 'forecast' | 'metric_lookup' | 'unknown';

export interface Entities {
  metric?: string;
  week?: number;
  /** A weekday name, "today", "tomorrow" or an ISO date. */
  day?: string;
}

/** Words owners use for the catalogue's metrics. */
const SYNONYMS: [RegExp, string][] = [
  [/\b(revenue|sales|takings|turnover|income)\b/, 'revenue'],
  [/\b(orders?|transactions?|covers|customers? served)\b/, 'orders'],
  [/\b(average ticket|ticket size|basket|spend per (order|customer))\b/, 'average_ticket'],
  [/\bnew customers?\b/, 'new_customers'],
  [/\brefunds?\b/, 'refunds'],
  [/\b(labou?r cost|wages?|payroll)\b/, 'labour_cost'],
  [/\b(labou?r hours|hours worked)\b/, 'labour_hours'],
  [/\b(marketing|ads?|advertising)( spend)?\b/, 'marketing_spend'],
  [/\b(website|web sessions|site visits|traffic)\b/, 'website_sessions'],
  [/\bstock-?outs?\b/, 'stockouts'],
];

const CHANGE = /\b(drop(ped)?|fell|fall(en|ing)?|down|decline[ds]?|dip(ped)?|lower|slump(ed)?|rise|rose|up|jump(ed)?|increase[ds]?|spike[ds]?|change[ds]?|worse|better|bad|good)\b/;

export function findMetric(text: string, extraNames: string[] = []): string | undefined {
  const t = text.toLowerCase();
  for (const name of extraNames) {
    if (new RegExp(`\\b${name.replace(/_/g, '[ _]')}\\b`).test(t)) return name;
  }
  return SYNONYMS.find(([re]) => re.test(t))?.[1];
}

export function findEntities(text: string, metricNames: string[] = []): Entities {
  const t = text.toLowerCase();
  const entities: Entities = {};
  const metric = findMetric(t, metricNames);
  if (metric) entities.metric = metric;
  const week = /\bweek\s*(?:#|no\.?|number)?\s*(\d{1,2})\b/.exec(t) ?? /\bw(\d{1,2})\b/.exec(t);
  if (week) entities.week = Number(week[1]);
  const date = /\b(\d{4}-\d{2}-\d{2})\b/.exec(t);
  const day = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow)\b/.exec(t);
  if (date) entities.day = date[1];
  else if (day) entities.day = day[1];
  return entities;
}

export function classify(question: string, metricNames: string[] = []): { intent: Intent; entities: Entities } {
  const t = question.toLowerCase();
  const entities = findEntities(t, metricNames);
  const intent = intentOf(t, entities);
  return { intent, entities };
}

function intentOf(t: string, e: Entities): Intent {
  if (/\b(goals?|targets?)\b/.test(t) && /\b(hit|reach|make|on track|progress|achieve|going|doing|will i|will we|am i|are we|status|how far)\b/.test(t)) return 'goal_progress';
  if (/\b(why|what happened|explain|what caused|reason)\b/.test(t) && (CHANGE.test(t) || e.week !== undefined)) return 'explain_change';
  if (/\b(staff|staffing|people|employees?|rota|roster|shifts?|schedule|crew|baristas?|workers?|hands)\b/.test(t)) return 'staffing';
  if (/\b(re-?order|restock|order more|stock|inventory|run(ning)? out|supplies|supplier)\b/.test(t)) return 'reorder';
  if (/\b(i want to|we want to|help me|set (a |an )?(goal|target)|new goal|goal for|grow|boost|improve|increase|raise|cut|reduce|lower)\b/.test(t)) return 'goal_plan';
  if (/\b(forecast|predict|projection|expect|next (week|month|few days)|tomorrow|coming (week|days))\b/.test(t) || /\bwill\b.*\bbe\b/.test(t)) return 'forecast';
  if (e.metric) return 'metric_lookup';
  return 'unknown';
}
