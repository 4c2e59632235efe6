/** The metrics connectors write: built-in names from the metrics catalog plus two cost lines. */
export type ConnectorMetric = 'revenue' | 'orders' | 'refunds' | 'new_customers' | 'cost_of_goods' | 'expenses';

/** One metric's total for one calendar day. */
export interface DailyValue {
  metric: ConnectorMetric;
  /** YYYY-MM-DD */
  day: string;
  value: number;
}

/** Daily metrics are stored at midnight UTC of their calendar day, as the rest of Dyocense does. */
export const dayTime = (day: string) => `${day}T00:00:00.000Z`;
