import { describe, expect, it } from 'vitest';
import { ledgerEntries } from '@dyocense/connectors';
import { order, refund } from '../fixtures/shopify';
import { webhookLedgerEntries } from './shopify-ledger';

describe('webhook payloads as ledger entries', () => {
  it('maps an order webhook to the rows the sync would write for the same order', () => {
    const body = {
      ...order({ id: 4001, total: '42.50', createdAt: '2025-01-05T22:30:00-05:00', customerId: 77 }),
      updated_at: '2025-01-07T10:00:00-05:00',
      refunds: [{ ...refund({ id: 9, orderId: 4001, amount: '20.00', createdAt: '2025-01-07T10:00:00-05:00' }) }],
    };
    const synced = ledgerEntries([
      {
        id: 4001,
        created_at: '2025-01-05T22:30:00-05:00',
        updated_at: '2025-01-07T10:00:00-05:00',
        cancelled_at: null,
        test: false,
        total_price: '42.50',
        customer: { id: 77 },
        refunds: [{ id: 9, created_at: '2025-01-07T10:00:00-05:00', transactions: [{ amount: '20.00', kind: 'refund', status: 'success' }] }],
      },
    ]);
    expect(webhookLedgerEntries('orders/create', body)).toEqual(synced);
    expect(synced.map((e) => e.day)).toEqual(['2025-01-05', '2025-01-07']);
    // A cancellation is the same order, no longer counted.
    const cancelled = webhookLedgerEntries('orders/cancelled', { ...body, cancelled_at: '2025-01-08T09:00:00-05:00' }) as { counts: boolean }[];
    expect(cancelled[0]!.counts).toBe(false);
  });

  it('maps a refund webhook to one row on its own day, and a restock to none', () => {
    expect(webhookLedgerEntries('refunds/create', refund({ id: 12, orderId: 4001, amount: '5.25', createdAt: '2025-02-01T23:00:00-05:00' }))).toEqual([
      { kind: 'refund', externalId: '12', day: '2025-02-01', occurredAt: '2025-02-02T04:00:00.000Z', amount: 5.25, customerId: null, counts: true, updatedAt: null },
    ]);
    expect(webhookLedgerEntries('refunds/create', { ...refund({ id: 13, orderId: 1, amount: '1.00', createdAt: '2025-02-01T10:00:00Z' }), transactions: [] })).toEqual([]);
  });

  it('names the field of a malformed payload, and leaves other topics alone', () => {
    expect(webhookLedgerEntries('orders/paid', { id: 'x', created_at: '2025-01-01T00:00:00Z', total_price: '1' })).toMatch(/^id/);
    expect(webhookLedgerEntries('orders/paid', { id: 1, created_at: 'soon', total_price: '1' })).toMatch(/^created_at/);
    expect(webhookLedgerEntries('orders/paid', { id: 1, created_at: '2025-01-01T00:00:00Z' })).toMatch(/^total_price/);
    expect(webhookLedgerEntries('refunds/create', { id: 2, transactions: [] })).toMatch(/^created_at/);
    expect(webhookLedgerEntries('products/update', { id: 1 })).toBeNull();
    expect(webhookLedgerEntries('customers/redact', { customer: { id: 1 } })).toBeNull();
  });
});
