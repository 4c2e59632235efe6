import { dimensionValue, fromMinorUnits, moneyDimensions, type EffectPlan, type MetricDelta } from './effects';

/** The parts of a Stripe event this code reads (https://docs.stripe.com/api/events/object). */
export interface StripeEvent {
  id: string;
  type: string;
  created: number;
  account?: string;
  data: { object: Record<string, unknown> };
}

export const stripeEventTypes = [
  'payment_intent.succeeded',
  'charge.succeeded',
  'charge.refunded',
  'invoice.paid',
  'customer.created',
  'payout.paid',
] as const;

/** Checks the envelope; the object's own fields are read defensively below. */
export function parseStripeEvent(value: unknown): StripeEvent | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the body is not a JSON object';
  const e = value as Record<string, unknown>;
  if (e.object !== undefined && e.object !== 'event') return 'object: expected "event"';
  if (typeof e.id !== 'string' || !/^evt_[A-Za-z0-9_]{1,250}$/.test(e.id)) return 'id: expected a Stripe event id (evt_…)';
  if (typeof e.type !== 'string' || e.type.length === 0 || e.type.length > 200) return 'type: expected the event type';
  if (typeof e.created !== 'number' || !Number.isInteger(e.created) || e.created <= 0) return 'created: expected a Unix timestamp';
  const data = e.data as Record<string, unknown> | undefined;
  if (typeof data?.object !== 'object' || data.object === null) return 'data.object: expected the event object';
  return e as unknown as StripeEvent;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** Expandable fields arrive as an id or as the expanded object. */
const idOf = (v: unknown) => str(v) ?? str((v as Record<string, unknown> | null)?.id);

function sale(key: string, amountMinor: number, currency: string, time: string): EffectPlan {
  const dims = moneyDimensions(currency, { channel: 'online' });
  const deltas: MetricDelta[] = [
    { metric: 'revenue', time, value: fromMinorUnits(amountMinor, currency), unit: 'USD', dimensions: dims },
    { metric: 'orders', time, value: 1, unit: 'count', dimensions: { channel: 'online' } },
  ];
  return { intents: [{ kind: 'once', key, deltas }] };
}

/**
 * A Stripe event's effect. One payment surfaces as payment_intent.succeeded, charge.succeeded
 * and (for subscriptions) invoice.paid; all three key the sale by its PaymentIntent (or the
 * charge, for charges made without one), so whichever arrives first counts it.
 */
export function planStripeEvent(event: StripeEvent): EffectPlan {
  const o = event.data.object;
  const at = iso(event.created);
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const amount = num(o.amount_received) ?? num(o.amount);
      const currency = str(o.currency);
      if (amount === undefined || !currency) return { intents: [], note: 'payment intent without amount or currency' };
      return sale(`payment:${o.id}`, amount, currency, at);
    }
    case 'charge.succeeded': {
      const amount = num(o.amount_captured) || num(o.amount);
      const currency = str(o.currency);
      if (amount === undefined || !currency) return { intents: [], note: 'charge without amount or currency' };
      return sale(`payment:${idOf(o.payment_intent) ?? o.id}`, amount, currency, at);
    }
    case 'invoice.paid': {
      const amount = num(o.amount_paid);
      const currency = str(o.currency);
      if (!amount || !currency) return { intents: [], note: 'invoice paid without an amount (e.g. fully discounted)' };
      const paidBy = idOf(o.payment_intent) ?? idOf(o.charge);
      return sale(paidBy ? `payment:${paidBy}` : `invoice:${o.id}`, amount, currency, at);
    }
    case 'charge.refunded': {
      const refunded = num(o.amount_refunded);
      const currency = str(o.currency);
      if (refunded === undefined || !currency) return { intents: [], note: 'refund without amount or currency' };
      return {
        intents: [
          {
            kind: 'cumulative',
            key: `refund:${o.id}`,
            total: fromMinorUnits(refunded, currency),
            delta: { metric: 'refunds', time: at, unit: 'USD', dimensions: moneyDimensions(currency, { channel: 'online' }) },
          },
        ],
      };
    }
    case 'customer.created': {
      const created = num(o.created) ?? event.created;
      return { intents: [{ kind: 'once', key: `customer:${o.id}`, deltas: [{ metric: 'new_customers', time: iso(created), value: 1, unit: 'count', dimensions: { channel: 'online' } }] }] };
    }
    case 'payout.paid': {
      const amount = num(o.amount);
      const currency = str(o.currency);
      if (amount === undefined || !currency) return { intents: [], note: 'payout without amount or currency' };
      const arrival = num(o.arrival_date) ?? event.created;
      const dims = moneyDimensions(currency, { method: dimensionValue(o.method, 'standard') });
      return { intents: [{ kind: 'once', key: `payout:${o.id}`, deltas: [{ metric: 'payouts', time: iso(arrival), value: fromMinorUnits(amount, currency), unit: 'USD', dimensions: dims }] }] };
    }
    default:
      return { intents: [], note: `${event.type} is stored, not applied` };
  }
}
