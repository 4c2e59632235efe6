// Hand-built histories for the tests.
import { formatDay, parseDay } from './dates';
import type { DailyPoint, MetricInfo } from './types';

export function addDays(date: string, days: number): string {
  const day = parseDay(date);
  if (day === null) throw new Error(`bad date ${date}`);
  return formatDay(day + days);
}

/** One point a day from `start`, oldest first. */
export function daily(start: string, values: number[]): DailyPoint[] {
  return values.map((value, i) => ({ date: addDays(start, i), value }));
}

/** n values: first, first + step, first + 2·step, … */
export function line(n: number, first: number, step: number): number[] {
  return Array.from({ length: n }, (_, i) => first + i * step);
}

export function flat(n: number, value: number): number[] {
  return Array.from({ length: n }, () => value);
}

/** Noon UTC on a date, so "today" is unambiguous. */
export function noon(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

export const revenue: MetricInfo = { name: 'revenue', label: 'Revenue', unit: '$', aggregation: 'sum', direction: 'up', area: 'sales' };
export const refunds: MetricInfo = { name: 'refunds', label: 'Refunds', unit: '$', aggregation: 'sum', direction: 'down', area: 'finance' };
export const labourCost: MetricInfo = { name: 'labour_cost', label: 'Labour cost', unit: '$', aggregation: 'sum', direction: 'down', area: 'operations' };
export const covers: MetricInfo = { name: 'covers', label: 'Covers', unit: 'covers', aggregation: 'sum', direction: 'up', area: 'customers' };
