/** Turns a simulated scenario into metric points: one series after another, each in date order. */
import { isoTime } from './dates';
import { STOCK_ITEMS } from './items';
import { CHANNELS } from './marketing';
import { CATEGORIES } from './model';
import type { Scenario } from './simulate';
import type { DemoPoint } from './types';
import { at } from './util';

const UNITS: Record<string, string> = {
  revenue: 'USD', orders: 'count', average_ticket: 'USD', category_revenue: 'USD', new_customers: 'count', refunds: 'USD',
  labour_hours: 'hours', labour_cost: 'USD', marketing_spend: 'USD', website_sessions: 'count', inventory_level: 'units', stockouts: 'count',
};

export function toPoints(s: Scenario): DemoPoint[] {
  const points: DemoPoint[] = [];
  const times = s.days.map(isoTime);
  const series = (metric: string, value: (i: number) => number | null, dimensions: Record<string, string> = {}) => {
    const unit = UNITS[metric] ?? 'count';
    s.days.forEach((_, i) => {
      const v = value(i);
      if (v !== null) points.push({ metric, time: at(times, i), value: v, unit, source: 'demo', dimensions: { ...dimensions } });
    });
  };
  const d = (i: number) => at(s.demand, i);
  const usd = (cents: number) => cents / 100;

  series('revenue', (i) => usd(d(i).revenueCents));
  series('orders', (i) => d(i).orders);
  // No ticket on a closed day: zero would be false and would drag averages down.
  series('average_ticket', (i) => (d(i).orders > 0 ? Math.round(d(i).revenueCents / d(i).orders) / 100 : null));
  for (const c of CATEGORIES) series('category_revenue', (i) => usd(d(i).categoryCents[c]), { category: c });
  series('new_customers', (i) => d(i).newCustomers);
  series('refunds', (i) => usd(d(i).refundCents));
  series('labour_hours', (i) => at(s.labour, i).hours);
  series('labour_cost', (i) => usd(at(s.labour, i).costCents));
  for (const c of CHANNELS) series('marketing_spend', (i) => usd(at(s.marketing, i).spendCents[c]), { channel: c });
  series('website_sessions', (i) => at(s.marketing, i).sessions);
  STOCK_ITEMS.forEach((item, k) => series('inventory_level', (i) => at(at(s.inventory, k), i), { sku: item.sku }));
  series('stockouts', (i) => at(s.stockouts, i));
  return points;
}
