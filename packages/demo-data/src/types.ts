/** Public shapes of the generated demo business. */

export type MetricArea = 'sales' | 'operations' | 'marketing' | 'inventory' | 'customers' | 'finance';

export interface MetricDefinition {
  name: string;
  label: string;
  unit: string;
  aggregation: 'sum' | 'avg' | 'last';
  /** Which way is good for the business. */
  direction: 'up' | 'down';
  description: string;
  area: MetricArea;
}

export interface DemoPoint {
  metric: string;
  /** ISO 8601 UTC; daily buckets at 00:00Z. */
  time: string;
  value: number;
  unit: string;
  source: 'demo';
  /** `{}` when the series has no dimension. */
  dimensions: Record<string, string>;
}

export interface InventoryItem {
  sku: string;
  name: string;
  unit: string;
  casePack: number;
  unitCost: number;
  shelfLifeDays: number;
  supplier: string;
}

export type EventKind = 'campaign' | 'stockout' | 'price_change' | 'holiday' | 'closure';

export interface PlantedEvent {
  kind: EventKind;
  /** First affected day, 'YYYY-MM-DD'. */
  start: string;
  /** Last affected day, 'YYYY-MM-DD' (see the description for effects that outlast it). */
  end: string;
  description: string;
  /** The true sizes, in the units their names say. */
  effect: Record<string, number>;
}

export interface DemoBusiness {
  name: string;
  timezone: string;
  metrics: MetricDefinition[];
  points: DemoPoint[];
  inventoryItems: InventoryItem[];
  events: PlantedEvent[];
}

export interface CafeOptions {
  /** Last day included, 'YYYY-MM-DD'. */
  endDate: string;
  /** Number of days ending at endDate; default 730. */
  days?: number;
  /** PRNG seed for the noise; default 42. */
  seed?: number;
}

/** The planted effects a counterfactual can remove. */
export type RemovableEffect = 'campaign' | 'stockout' | 'price_change';
