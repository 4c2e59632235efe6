/** The metric catalog entries the demo café reports, named as the rest of the product uses them. */
import type { MetricDefinition } from './types';

export const CAFE_METRICS: readonly MetricDefinition[] = [
  { name: 'revenue', label: 'Revenue', unit: 'USD', aggregation: 'sum', direction: 'up', area: 'sales', description: 'Gross sales after discounts, before refunds.' },
  { name: 'orders', label: 'Orders', unit: 'count', aggregation: 'sum', direction: 'up', area: 'sales', description: 'Completed till transactions.' },
  { name: 'average_ticket', label: 'Average ticket', unit: 'USD', aggregation: 'avg', direction: 'up', area: 'sales', description: "Revenue divided by orders for the day; absent on days the café is closed." },
  { name: 'category_revenue', label: 'Revenue by category', unit: 'USD', aggregation: 'sum', direction: 'up', area: 'sales', description: 'Revenue split by menu category (dimension `category`); the categories of a day sum to its revenue.' },
  { name: 'new_customers', label: 'New customers', unit: 'count', aggregation: 'sum', direction: 'up', area: 'customers', description: 'Orders from first-time customers (loyalty sign-ups and first card use).' },
  { name: 'refunds', label: 'Refunds', unit: 'USD', aggregation: 'sum', direction: 'down', area: 'finance', description: 'Money returned to customers.' },
  { name: 'labour_hours', label: 'Labour hours', unit: 'hours', aggregation: 'sum', direction: 'down', area: 'operations', description: 'Paid staff hours, including opening and closing prep.' },
  { name: 'labour_cost', label: 'Labour cost', unit: 'USD', aggregation: 'sum', direction: 'down', area: 'finance', description: 'Labour hours times the hourly wage.' },
  { name: 'marketing_spend', label: 'Marketing spend', unit: 'USD', aggregation: 'sum', direction: 'down', area: 'marketing', description: 'Spend per channel (dimension `channel`); there is no total series, sum the channels.' },
  { name: 'website_sessions', label: 'Website sessions', unit: 'count', aggregation: 'sum', direction: 'up', area: 'marketing', description: 'Visits to the café website.' },
  { name: 'inventory_level', label: 'Inventory level', unit: 'units', aggregation: 'last', direction: 'down', area: 'inventory', description: "End-of-day stock per item (dimension `sku`), in the item's own unit." },
  { name: 'stockouts', label: 'Stock-outs', unit: 'count', aggregation: 'sum', direction: 'down', area: 'inventory', description: 'Items at zero stock at the end of the day.' },
];
