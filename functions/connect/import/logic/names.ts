import { DIMENSION_NAME, type MetricDefinition } from '@dyocense/metrics';

/**
 * A header as an identifier: accents dropped, units in brackets dropped ("Revenue ($)"),
 * lower case, runs of anything else as one `_`. "Net Sales (USD)" → "net_sales".
 */
export function normalizeName(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\(.*?\)|\[.*?\]/g, ' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** A header as a dimension name the metrics store accepts, or null if none can be made. */
export function dimensionName(header: string): string | null {
  let name = normalizeName(header).slice(0, 40).replace(/_+$/, '');
  if (/^[0-9]/.test(name)) name = `d_${name}`.slice(0, 40);
  return DIMENSION_NAME.test(name) ? name : null;
}

/** What small businesses' exports call the built-in metrics (POS, accounting, e-commerce). */
const SYNONYMS: Record<string, readonly string[]> = {
  revenue: ['sales', 'gross_sales', 'total_sales', 'net_sales', 'turnover', 'income', 'takings', 'sales_total', 'amount', 'total'],
  orders: ['order_count', 'orders_count', 'transactions', 'transaction_count', 'tickets', 'receipts', 'checks', 'covers', 'number_of_orders'],
  average_ticket: ['avg_ticket', 'average_order_value', 'aov', 'avg_order_value', 'average_sale', 'avg_check', 'average_check'],
  refunds: ['refund', 'returns', 'refunded', 'refund_amount'],
  new_customers: ['new_customer', 'first_time_customers', 'new_clients'],
  labour_hours: ['labor_hours', 'hours_worked', 'staff_hours', 'hours'],
  labour_cost: ['labor_cost', 'wages', 'payroll', 'staff_cost', 'labour', 'labor'],
  marketing_spend: ['ad_spend', 'ads_spend', 'advertising', 'marketing', 'marketing_cost', 'spend'],
  website_sessions: ['sessions', 'visits', 'web_sessions', 'site_visits', 'visitors'],
  inventory_level: ['inventory', 'stock', 'stock_level', 'on_hand', 'units_on_hand', 'qty_on_hand'],
  stockouts: ['stock_outs', 'out_of_stock', 'stockout'],
  gross_margin: ['margin', 'gross_margin_percent', 'gm', 'margin_percent'],
  customer_rating: ['rating', 'stars', 'review_score', 'avg_rating', 'average_rating', 'score'],
};

/**
 * The catalog metric a header (or, in a long file, a cell) names: its name, its label, or a
 * common synonym of a built-in metric. Null when nothing matches: the user maps it.
 */
export function resolveMetric(text: string, catalog: ReadonlyMap<string, MetricDefinition>): MetricDefinition | null {
  const key = normalizeName(text);
  if (!key) return null;
  const direct = catalog.get(key);
  if (direct) return direct;
  for (const def of catalog.values()) if (normalizeName(def.label) === key) return def;
  for (const [name, words] of Object.entries(SYNONYMS)) {
    if (words.includes(key) && catalog.has(name)) return catalog.get(name)!;
  }
  return null;
}
