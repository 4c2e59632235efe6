import type { Aggregation, BusinessArea, Direction } from '@dyocense/db';

export interface MetricDefinition {
  name: string;
  label: string;
  unit: string;
  aggregation: Aggregation;
  direction: Direction;
  area: BusinessArea;
  description: string;
  builtin: boolean;
}

const def = (
  name: string,
  label: string,
  unit: string,
  aggregation: Aggregation,
  direction: Direction,
  area: BusinessArea,
  description: string,
): MetricDefinition => ({ name, label, unit, aggregation, direction, area, description, builtin: true });

/**
 * The metrics most small businesses track, known to every tenant without setup. Connectors
 * and the demo café write these names; a tenant adds its own beside them.
 */
export const builtinMetrics: readonly MetricDefinition[] = [
  def('revenue', 'Revenue', 'USD', 'sum', 'up', 'sales', 'Gross sales before refunds.'),
  def('orders', 'Orders', 'count', 'sum', 'up', 'sales', 'Completed orders or tickets.'),
  def('average_ticket', 'Average ticket', 'USD', 'avg', 'up', 'sales', 'Revenue per order.'),
  def('category_revenue', 'Revenue by category', 'USD', 'sum', 'up', 'sales', 'Revenue split by product category.'),
  def('refunds', 'Refunds', 'USD', 'sum', 'down', 'finance', 'Money returned to customers.'),
  def('payouts', 'Payouts', 'USD', 'sum', 'up', 'finance', 'Money paid out by a payment processor to the bank account.'),
  def('cost_of_goods', 'Cost of goods sold', 'USD', 'sum', 'down', 'finance', 'What the goods sold cost to buy or make.'),
  def('expenses', 'Operating expenses', 'USD', 'sum', 'down', 'finance', 'Running costs other than the goods sold.'),
  def('new_customers', 'New customers', 'count', 'sum', 'up', 'customers', 'Customers buying for the first time.'),
  def('labour_hours', 'Labour hours', 'hours', 'sum', 'down', 'operations', 'Staff hours worked.'),
  def('labour_cost', 'Labour cost', 'USD', 'sum', 'down', 'operations', 'Wages paid for the hours worked.'),
  def('marketing_spend', 'Marketing spend', 'USD', 'sum', 'down', 'marketing', 'Spend per channel.'),
  def('website_sessions', 'Website sessions', 'count', 'sum', 'up', 'marketing', 'Visits to the website.'),
  def('inventory_level', 'Inventory level', 'units', 'last', 'up', 'inventory', 'Units on hand per item at the end of the period.'),
  def('stockouts', 'Stock-outs', 'count', 'sum', 'down', 'inventory', 'Items out of stock.'),
  def('gross_margin', 'Gross margin', 'percent', 'avg', 'up', 'finance', 'Revenue minus cost of goods, as a share of revenue.'),
  def('customer_rating', 'Customer rating', 'stars', 'avg', 'up', 'customers', 'Average review score.'),
];

export const builtinByName: ReadonlyMap<string, MetricDefinition> = new Map(builtinMetrics.map((m) => [m.name, m]));
