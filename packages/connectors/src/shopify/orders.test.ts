import { describe, expect, it } from 'vitest';
import { ledgerEntries, latestUpdate } from './ledger';
import { callLimitPauseMs, nextPageInfo } from './orders';

describe('pagination and call limits', () => {
  it('reads page_info from the rel="next" link only', () => {
    const link =
      '<https://s.myshopify.com/admin/api/2025-01/orders.json?limit=50&page_info=prev123>; rel="previous", <https://s.myshopify.com/admin/api/2025-01/orders.json?limit=50&page_info=next456>; rel="next"';
    expect(nextPageInfo(link)).toBe('next456');
    expect(nextPageInfo('<https://s.myshopify.com/x?page_info=p>; rel="previous"')).toBeNull();
    expect(nextPageInfo(null)).toBeNull();
  });

  it('pauses only when the bucket is nearly full', () => {
    expect(callLimitPauseMs('1/40')).toBe(0);
    expect(callLimitPauseMs('36/40')).toBe(0);
    expect(callLimitPauseMs('39/40')).toBe(1500);
    expect(callLimitPauseMs('40/40')).toBe(2000);
    expect(callLimitPauseMs('garbage')).toBe(0);
  });
});

describe('ledger entries', () => {
  it('keeps the shop’s local day, books refunds on their own day and ignores test orders', () => {
    const entries = ledgerEntries([
      {
        id: 1,
        created_at: '2025-01-05T22:30:00-05:00',
        updated_at: '2025-01-07T10:00:00-05:00',
        cancelled_at: null,
        total_price: '120.50',
        customer: { id: 77 },
        refunds: [
          { id: 9, created_at: '2025-01-07T10:00:00-05:00', transactions: [{ amount: '20.00', kind: 'refund', status: 'success' }, { amount: '5.00', kind: 'refund', status: 'failure' }] },
        ],
      },
      { id: 2, created_at: '2025-01-06T09:00:00-05:00', updated_at: '2025-01-06T09:00:00-05:00', cancelled_at: '2025-01-06T10:00:00-05:00', total_price: '10.00', customer: null },
      { id: 3, created_at: '2025-01-06T09:00:00-05:00', updated_at: '2025-01-08T09:00:00-05:00', cancelled_at: null, test: true, total_price: '99.00' },
    ]);
    expect(entries).toEqual([
      { kind: 'order', externalId: '1', day: '2025-01-05', occurredAt: '2025-01-06T03:30:00.000Z', amount: 120.5, customerId: '77', counts: true, updatedAt: '2025-01-07T15:00:00.000Z' },
      { kind: 'refund', externalId: '9', day: '2025-01-07', occurredAt: '2025-01-07T15:00:00.000Z', amount: 20, customerId: null, counts: true, updatedAt: null },
      { kind: 'order', externalId: '2', day: '2025-01-06', occurredAt: '2025-01-06T14:00:00.000Z', amount: 10, customerId: null, counts: false, updatedAt: '2025-01-06T14:00:00.000Z' },
      { kind: 'order', externalId: '3', day: '2025-01-06', occurredAt: '2025-01-06T14:00:00.000Z', amount: 99, customerId: null, counts: false, updatedAt: '2025-01-08T14:00:00.000Z' },
    ]);
  });

  it('finds the newest update on a page', () => {
    expect(latestUpdate([])).toBeNull();
    expect(
      latestUpdate([
        { id: 1, created_at: '', updated_at: '2025-01-07T10:00:00-05:00', cancelled_at: null, total_price: '1' },
        { id: 2, created_at: '', updated_at: '2025-01-07T16:00:00Z', cancelled_at: null, total_price: '1' },
      ]),
    ).toBe('2025-01-07T16:00:00.000Z');
  });
});
