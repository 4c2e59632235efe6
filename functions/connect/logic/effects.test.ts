import { describe, expect, it } from 'vitest';
import { chargeRefunded, chargeSucceeded, customerCreated, invoicePaid, paymentIntentSucceeded, payoutPaid } from '../fixtures/stripe';
import { customersRedact, order, refund } from '../fixtures/shopify';
import { fromMinorUnits } from './effects';
import { concernsCustomer, REDACTED, redactPayload } from './redact';
import { planShopifyTopic, shopifySemanticKey } from './shopify-effects';
import { parseStripeEvent, planStripeEvent, type StripeEvent } from './stripe-effects';

const t = 1_767_000_000;
const plan = (e: unknown) => planStripeEvent(parseStripeEvent(e) as StripeEvent);

describe('Stripe event effects', () => {
  it('keys one payment the same from payment_intent, charge and invoice events', () => {
    const keys = [
      plan(paymentIntentSucceeded({ event: 'evt_1', pi: 'pi_A', amount: 2500, created: t })),
      plan(chargeSucceeded({ event: 'evt_2', charge: 'ch_A', pi: 'pi_A', amount: 2500, created: t })),
      plan(invoicePaid({ event: 'evt_3', invoice: 'in_A', pi: 'pi_A', amountPaid: 2500, created: t })),
    ].map((p) => p.intents[0]!.key);
    expect(new Set(keys)).toEqual(new Set(['payment:pi_A']));
    const p = plan(paymentIntentSucceeded({ event: 'evt_1', pi: 'pi_A', amount: 2500, created: t }));
    expect(p.intents[0]).toMatchObject({ kind: 'once', deltas: [{ metric: 'revenue', value: 25, unit: 'USD' }, { metric: 'orders', value: 1 }] });
    // A charge made without a PaymentIntent is its own sale.
    expect(plan(chargeSucceeded({ event: 'evt_4', charge: 'ch_B', pi: null, amount: 100, created: t })).intents[0]!.key).toBe('payment:ch_B');
  });

  it('counts refunds cumulatively, payouts at arrival, customers once, and stores other types only', () => {
    expect(plan(chargeRefunded({ event: 'evt_5', charge: 'ch_A', pi: 'pi_A', amount: 2500, refunded: 1000, created: t })).intents[0]).toMatchObject({ kind: 'cumulative', key: 'refund:ch_A', total: 10 });
    expect(plan(payoutPaid({ event: 'evt_6', payout: 'po_1', amount: 123456, arrival: t + 86400, created: t })).intents[0]).toMatchObject({
      key: 'payout:po_1',
      deltas: [{ metric: 'payouts', value: 1234.56, time: new Date((t + 86400) * 1000).toISOString() }],
    });
    expect(plan(customerCreated({ event: 'evt_7', customer: 'cus_1', created: t })).intents[0]).toMatchObject({ key: 'customer:cus_1', deltas: [{ metric: 'new_customers', value: 1 }] });
    expect(plan({ id: 'evt_8', object: 'event', type: 'customer.updated', created: t, data: { object: { id: 'cus_1' } } })).toEqual({ intents: [], note: 'customer.updated is stored, not applied' });
  });

  it('converts minor units per currency and marks non-USD amounts', () => {
    expect(fromMinorUnits(500, 'jpy')).toBe(500);
    expect(fromMinorUnits(1500, 'kwd')).toBe(1.5);
    const eur = plan(paymentIntentSucceeded({ event: 'evt_9', pi: 'pi_E', amount: 999, created: t, currency: 'eur' }));
    expect(eur.intents[0]).toMatchObject({ deltas: [{ value: 9.99, dimensions: { channel: 'online', currency: 'eur' } }, { dimensions: { channel: 'online' } }] });
  });

  it('names what is wrong with a malformed envelope', () => {
    expect(parseStripeEvent([])).toMatch(/JSON object/);
    expect(parseStripeEvent({ id: 'nope', type: 'x', created: 1, data: { object: {} } })).toMatch(/^id:/);
    expect(parseStripeEvent({ id: 'evt_1', type: 'x', created: 'yesterday', data: { object: {} } })).toMatch(/^created:/);
    expect(parseStripeEvent({ id: 'evt_1', type: 'x', created: 1 })).toMatch(/^data.object/);
  });
});

describe('Shopify topic effects', () => {
  const shop = 'cafe.myshopify.com';
  it('counts a paid order once per order id, waits for payment on pending ones', () => {
    const paid = planShopifyTopic('orders/create', order({ id: 1, total: '19.99', createdAt: '2026-03-01T10:00:00-05:00', sourceName: 'pos' }), shop);
    expect(paid).toMatchObject({ kind: 'metrics', plan: { intents: [{ kind: 'once', key: 'order:1', deltas: [{ metric: 'revenue', value: 19.99, time: '2026-03-01T15:00:00.000Z', dimensions: { channel: 'pos', shop } }, { metric: 'orders', value: 1 }] }] } });
    const pending = planShopifyTopic('orders/create', order({ id: 2, total: '5.00', createdAt: '2026-03-01T10:00:00Z', financialStatus: 'pending' }), shop);
    expect(pending).toMatchObject({ kind: 'metrics', plan: { intents: [] } });
    const later = planShopifyTopic('orders/paid', order({ id: 2, total: '5.00', createdAt: '2026-03-01T10:00:00Z' }), shop);
    expect(later).toMatchObject({ plan: { intents: [{ key: 'order:2' }] } });
    const first = planShopifyTopic('orders/create', order({ id: 3, total: '5.00', createdAt: '2026-03-01T10:00:00Z', ordersCount: 1, customerId: 77 }), shop);
    expect(first).toMatchObject({ plan: { intents: [{ key: 'order:3' }, { key: 'customer:77', deltas: [{ metric: 'new_customers' }] }] } });
  });

  it('withdraws cancelled orders, counts successful refund transactions, and refuses malformed bodies', () => {
    const cancelled = planShopifyTopic('orders/cancelled', order({ id: 1, total: '19.99', createdAt: '2026-03-01T10:00:00Z', financialStatus: 'refunded' }), shop);
    expect(cancelled).toMatchObject({ plan: { intents: [{ kind: 'withdraw', key: 'order:1', count: [{ metric: 'revenue' }, { metric: 'orders' }], reverse: [{ metric: 'orders', value: -1 }] }] } });
    const voided = planShopifyTopic('orders/cancelled', order({ id: 5, total: '1.00', createdAt: '2026-03-01T10:00:00Z', financialStatus: 'voided' }), shop);
    expect(voided).toMatchObject({ plan: { intents: [{ kind: 'withdraw', count: [] }] } });
    expect(planShopifyTopic('refunds/create', refund({ id: 9, orderId: 1, amount: '4.50', createdAt: '2026-03-02T09:00:00Z' }), shop)).toMatchObject({
      plan: { intents: [{ key: 'refund:9', deltas: [{ metric: 'refunds', value: 4.5 }] }] },
    });
    expect(planShopifyTopic('orders/create', { id: 1, created_at: 'soon', total_price: '1' }, shop)).toMatch(/^created_at/);
    expect(planShopifyTopic('orders/paid', { created_at: '2026-01-01T00:00:00Z', total_price: '1' }, shop)).toMatch(/^id/);
    expect(planShopifyTopic('orders/paid', { id: 1, created_at: '2026-01-01T00:00:00Z', total_price: 'lots' }, shop)).toMatch(/^total_price/);
  });

  it('keys deliveries by shop, topic and resource (products by update time)', () => {
    expect(shopifySemanticKey(shop, 'orders/create', { id: 7 })).toBe(`${shop}:orders/create:7`);
    expect(shopifySemanticKey(shop, 'products/update', { id: 7, updated_at: '2026-01-01T00:00:00Z' })).toBe(`${shop}:products/update:7@2026-01-01T00:00:00Z`);
    expect(shopifySemanticKey(shop, 'orders/create', {})).toBeNull();
  });
});

describe('redaction', () => {
  it('overwrites personal fields and keeps ids, amounts and times', () => {
    const o = order({ id: 42, total: '10.00', createdAt: '2026-03-01T10:00:00Z', customerId: 7 });
    const r = redactPayload(o) as ReturnType<typeof order>;
    expect(r.email).toBe(REDACTED);
    expect(r.customer).toMatchObject({ id: 7, email: REDACTED, first_name: REDACTED, orders_count: 3 });
    expect(r.billing_address).toMatchObject({ address1: REDACTED, city: REDACTED, name: REDACTED });
    expect(r.browser_ip).toBe(REDACTED);
    expect(r).toMatchObject({ id: 42, total_price: '10.00', created_at: '2026-03-01T10:00:00Z', name: o.name });
    expect(JSON.stringify(r)).not.toMatch(/jon@example.com|Snow|Amoebobacterium|555-625/);
  });

  it('finds the events about a customer by id, order id or e-mail', () => {
    const who = { id: '7', email: 'jon@example.com', orderIds: ['42'] };
    expect(concernsCustomer(order({ id: 1, total: '1', createdAt: '2026-01-01T00:00:00Z', customerId: 7 }), 'orders/create', who)).toBe(true);
    expect(concernsCustomer(order({ id: 42, total: '1', createdAt: '2026-01-01T00:00:00Z', customerId: 8, email: 'x@example.com' }), 'orders/paid', who)).toBe(true);
    expect(concernsCustomer(refund({ id: 3, orderId: 42, amount: '1', createdAt: '2026-01-01T00:00:00Z' }), 'refunds/create', who)).toBe(true);
    expect(concernsCustomer(order({ id: 2, total: '1', createdAt: '2026-01-01T00:00:00Z', customerId: 8, email: 'x@example.com' }), 'orders/create', who)).toBe(false);
    expect(concernsCustomer(customersRedact('s', 7, []), 'customers/redact', who)).toBe(true);
  });
});
