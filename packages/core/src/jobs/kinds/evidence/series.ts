// Small helpers over daily series aligned to one calendar (null = no data that day).

export type DailyValues = (number | null)[];

export interface Period {
  from: string;
  to: string;
}

export const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);
export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export function stdev(values: number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

/** Indexes of the calendar days inside a period (inclusive). */
export function indexesOf(dates: readonly string[], period: Period): number[] {
  const out: number[] = [];
  dates.forEach((d, i) => {
    if (d >= period.from && d <= period.to) out.push(i);
  });
  return out;
}

export const present = (values: DailyValues, indexes: number[]): number[] =>
  indexes.map((i) => values[i]).filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v));

/** A period's value the way the metric aggregates: sums add up, averages and levels average. */
export function periodValue(values: DailyValues, indexes: number[], aggregation: 'sum' | 'avg' | 'last'): number | null {
  const v = present(values, indexes);
  if (v.length === 0) return null;
  return aggregation === 'sum' ? sum(v) : mean(v);
}

/** Day-of-week dummies (Monday as reference) and a linear trend: the ordinary calendar pattern. */
export function calendarColumns(date: string, t: number): number[] {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  const row = [t];
  for (let d = 0; d < 7; d++) if (d !== 1) row.push(dow === d ? 1 : 0);
  return row;
}

export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
