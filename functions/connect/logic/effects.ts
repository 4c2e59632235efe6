/**
 * What an event contributes to metrics, decided without the database. The store turns each
 * intent into writes guarded by a ledger row per outside object (connector_effects), so a
 * sale seen by two event types, a redelivery, or events arriving out of order count once.
 */
export interface MetricDelta {
  metric: string;
  /** ISO date-time the value belongs to (the sale's time, not the delivery's). */
  time: string;
  value: number;
  unit: string;
  dimensions: Record<string, string>;
}

export type Intent =
  /** Count `deltas` the first time `key` is seen; later events about the same object add nothing. */
  | { kind: 'once'; key: string; deltas: MetricDelta[] }
  /**
   * `total` is a running total the provider reports (a charge's amount refunded so far): add
   * only what exceeds the part already counted, so partial refunds in any order sum right.
   */
  | { kind: 'cumulative'; key: string; total: number; delta: Omit<MetricDelta, 'value'> }
  /**
   * An object withdrawn (a cancelled order). If it was counted, add `reverse`; if it was
   * never seen, count `count` (when it had been paid) and `reverse` together, and mark it so
   * a late creation event adds nothing.
   */
  | { kind: 'withdraw'; key: string; count: MetricDelta[]; reverse: MetricDelta[] };

export interface EffectPlan {
  intents: Intent[];
  /** Why nothing (or only part) applies, for the stored effect summary. */
  note?: string;
}

/** Currencies Stripe states in whole units (no cents): https://docs.stripe.com/currencies#zero-decimal */
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** A Stripe amount (smallest currency unit) in major units. */
export function fromMinorUnits(amount: number, currency: string): number {
  const c = currency.toLowerCase();
  if (ZERO_DECIMAL.has(c)) return amount;
  return amount / (THREE_DECIMAL.has(c) ? 1000 : 100);
}

/**
 * Money metrics are in USD; an amount in another currency keeps its own figure and says so
 * in a `currency` dimension (nothing is converted at a guessed rate).
 */
export function moneyDimensions(currency: string | undefined, base: Record<string, string>): Record<string, string> {
  const c = (currency ?? 'usd').toLowerCase();
  return c === 'usd' ? base : { ...base, currency: c };
}

/** Dimension values are at most 200 printable characters; outside data is trimmed to fit. */
export function dimensionValue(value: unknown, fallback: string): string {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  return (text || fallback).slice(0, 200);
}
