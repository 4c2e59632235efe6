/**
 * Staffing: open 7:00–17:00, at least two people, one more per 70 expected orders, plus an hour
 * of opening and closing prep. The rota follows the plan; the day's reality adds a call-in or an
 * early send-home.
 */
import type { DayDemand } from './demand';
import type { DayNoise } from './noise';
import { clamp } from './util';

const OPEN_HOURS = 10;
const PREP_HOURS = 1;
const MIN_STAFF = 2;
const MAX_STAFF = 7;
const ORDERS_PER_STAFF = 70;
const ADJUSTMENT_HOURS = 4;

export const WAGE_BEFORE = 18.0;
export const WAGE_AFTER = 19.25;

export interface DayLabour {
  hours: number;
  costCents: number;
}

export function labourForDay(demand: DayDemand, noise: DayNoise, wage: number): DayLabour {
  if (!demand.open) return { hours: 0, costCents: 0 };
  const staff = clamp(Math.ceil(demand.expectedOrders / ORDERS_PER_STAFF), MIN_STAFF, MAX_STAFF);
  let hours = staff * OPEN_HOURS + PREP_HOURS;
  const surprise = demand.orders / Math.max(1, demand.expectedOrders);
  if (surprise > 1.15) hours += ADJUSTMENT_HOURS;
  if (surprise < 0.85) hours -= ADJUSTMENT_HOURS;
  // Clock-in jitter in quarter hours.
  hours += Math.round(noise.labour * 3) / 4;
  hours = Math.max(MIN_STAFF * OPEN_HOURS, hours);
  return { hours, costCents: Math.round(hours * wage * 100) };
}
