import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCafe, type DemoBusiness } from './index';
import { datesBetween, eventOf, seriesOf, valueOn } from './testing';

const END = '2026-11-21';
const hash = (b: DemoBusiness) => createHash('sha256').update(JSON.stringify(b)).digest('hex');
const meanOf = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

let cafe: DemoBusiness;
beforeAll(() => {
  cafe = generateCafe({ endDate: END });
});

describe('generateCafe: determinism', () => {
  it('gives byte-identical output for the same options', () => {
    expect(hash(generateCafe({ endDate: END }))).toBe(hash(cafe));
  });

  it('gives different noise for a different seed', () => {
    const other = generateCafe({ endDate: END, seed: 7 });
    expect(hash(other)).not.toBe(hash(cafe));
    const a = [...seriesOf(cafe, 'orders').values()];
    const b = [...seriesOf(other, 'orders').values()];
    expect(a.filter((x, i) => x !== b[i]).length).toBeGreaterThan(600);
  });

  it('rejects bad options instead of guessing', () => {
    expect(() => generateCafe({ endDate: '2026-13-01' })).toThrow(RangeError);
    expect(() => generateCafe({ endDate: END, days: 0 })).toThrow(RangeError);
    expect(() => generateCafe({ endDate: END, days: 1.5 })).toThrow(RangeError);
    expect(() => generateCafe({ endDate: END, seed: 0.5 })).toThrow(RangeError);
  });
});

describe('generateCafe: shape', () => {
  it('has one point per day for each series, ending at endDate', () => {
    const counts = new Map<string, number>();
    for (const p of cafe.points) {
      const key = `${p.metric}|${JSON.stringify(p.dimensions)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const closures = cafe.events.filter((e) => e.kind === 'closure').length;
    expect(closures).toBe(2);
    const undimensioned = ['revenue', 'orders', 'new_customers', 'refunds', 'labour_hours', 'labour_cost', 'website_sessions', 'stockouts'];
    for (const m of undimensioned) expect(counts.get(`${m}|{}`)).toBe(730);
    expect(counts.get('average_ticket|{}')).toBe(730 - closures);
    for (const c of ['coffee', 'tea', 'food', 'bakery', 'retail']) expect(counts.get(`category_revenue|{"category":"${c}"}`)).toBe(730);
    for (const c of ['instagram', 'google_ads', 'flyers', 'email']) expect(counts.get(`marketing_spend|{"channel":"${c}"}`)).toBe(730);
    expect(cafe.inventoryItems.length).toBeGreaterThanOrEqual(28);
    for (const item of cafe.inventoryItems) expect(counts.get(`inventory_level|{"sku":"${item.sku}"}`)).toBe(730);
    expect(counts.get('marketing_spend|{}')).toBeUndefined();
    expect(counts.get('revenue|{"category":"coffee"}')).toBeUndefined();
    expect(cafe.points.length).toBe(730 * (8 + 5 + 4 + cafe.inventoryItems.length) + 730 - closures);

    const dates = [...seriesOf(cafe, 'revenue').keys()];
    expect(dates[0]).toBe('2024-11-22');
    expect(dates.at(-1)).toBe(END);
    expect(cafe.points[0]?.time).toBe('2024-11-22T00:00:00.000Z');
  });

  it('catalogues every metric it emits with its unit', () => {
    const catalog = new Map(cafe.metrics.map((m) => [m.name, m]));
    const wrong = cafe.points.filter((p) => p.source !== 'demo' || catalog.get(p.metric)?.unit !== p.unit);
    expect(wrong).toEqual([]);
    expect(new Set(cafe.points.map((p) => p.metric))).toEqual(new Set(catalog.keys()));
    expect(catalog.get('inventory_level')?.aggregation).toBe('last');
    expect(catalog.get('average_ticket')?.aggregation).toBe('avg');
    expect(cafe.name).toBe('Harbor Street Café');
  });

  it('has no NaN, infinite or negative values', () => {
    const bad = cafe.points.filter((p) => !Number.isFinite(p.value) || p.value < 0);
    expect(bad).toEqual([]);
  });

  it('respects days', () => {
    const short = generateCafe({ endDate: END, days: 90 });
    expect(seriesOf(short, 'revenue').size).toBe(90);
    // Only events inside the 90 days are listed.
    expect(short.events.map((e) => e.kind)).toEqual(['stockout']);
    // Overlapping days carry the same sales whatever the history length.
    const long = seriesOf(cafe, 'revenue');
    for (const [date, v] of seriesOf(short, 'revenue')) expect(v).toBe(valueOn(long, date));
  });
});

describe('generateCafe: accounting identities', () => {
  it('splits revenue into categories to the cent', () => {
    const revenue = seriesOf(cafe, 'revenue');
    const cats = ['coffee', 'tea', 'food', 'bakery', 'retail'].map((c) => seriesOf(cafe, 'category_revenue', { category: c }));
    for (const [date, total] of revenue) {
      const cents = cats.reduce((a, s) => a + Math.round(valueOn(s, date) * 100), 0);
      expect(cents).toBe(Math.round(total * 100));
    }
  });

  it('has average ticket = revenue / orders, between $8 and $12', () => {
    const revenue = seriesOf(cafe, 'revenue');
    const orders = seriesOf(cafe, 'orders');
    for (const [date, ticket] of seriesOf(cafe, 'average_ticket')) {
      expect(Math.abs(ticket - valueOn(revenue, date) / valueOn(orders, date))).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(ticket).toBeGreaterThan(8);
      expect(ticket).toBeLessThan(12);
    }
    expect(meanOf([...seriesOf(cafe, 'average_ticket').values()])).toBeGreaterThan(9);
  });

  it('costs labour at the wage, with at least two staff on open days', () => {
    const hours = seriesOf(cafe, 'labour_hours');
    const cost = seriesOf(cafe, 'labour_cost');
    for (const [date, h] of hours) {
      const wage = date >= '2026-01-01' ? 19.25 : 18;
      expect(Math.abs(valueOn(cost, date) - h * wage)).toBeLessThanOrEqual(0.005 + 1e-9);
      if (h > 0) expect(h).toBeGreaterThanOrEqual(20);
    }
  });

  it('never has more new customers than orders', () => {
    const orders = seriesOf(cafe, 'orders');
    for (const [date, n] of seriesOf(cafe, 'new_customers')) expect(n).toBeLessThanOrEqual(valueOn(orders, date));
  });
});

describe('generateCafe: calendar', () => {
  it('is closed on Christmas Day: no sales, no staff', () => {
    for (const date of ['2024-12-25', '2025-12-25']) {
      expect(cafe.events.some((e) => e.kind === 'closure' && e.start === date)).toBe(true);
      for (const m of ['revenue', 'orders', 'labour_hours', 'labour_cost']) expect(valueOn(seriesOf(cafe, m), date)).toBe(0);
      expect(seriesOf(cafe, 'average_ticket').has(date)).toBe(false);
    }
    expect(valueOn(seriesOf(cafe, 'orders'), '2025-12-26')).toBeGreaterThan(0);
  });

  it('is busiest at weekends and quietest on Mondays', () => {
    const byWeekday: number[][] = [[], [], [], [], [], [], []];
    for (const [date, v] of seriesOf(cafe, 'orders')) byWeekday[new Date(date).getUTCDay()]?.push(v);
    const means = byWeekday.map(meanOf);
    const [sun = 0, mon = 0, , , , , sat = 0] = means;
    expect(sat / mon).toBeGreaterThan(1.2);
    expect(sun / mon).toBeGreaterThan(1.2);
    expect(Math.min(...means)).toBe(mon);
  });

  it('peaks in summer and dips in January', () => {
    const revenue = seriesOf(cafe, 'revenue');
    const month = (ym: string) => meanOf([...revenue].filter(([d]) => d.startsWith(ym)).map(([, v]) => v));
    expect(month('2025-07')).toBeGreaterThan(month('2025-01') * 1.5);
    expect(month('2026-07')).toBeGreaterThan(month('2026-01') * 1.5);
    // Growth: the same quiet month a year later is busier.
    expect(month('2026-02')).toBeGreaterThan(month('2025-02'));
  });

  it('is quiet on Thanksgiving and busy on July 4th', () => {
    const orders = seriesOf(cafe, 'orders');
    const shift = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
    // Against the same weekday in the surrounding weeks.
    const usual = (date: string) => meanOf([-21, -14, -7, 7, 14, 21].map((k) => valueOn(orders, shift(date, k))));
    expect(valueOn(orders, '2025-11-27')).toBeLessThan(0.65 * usual('2025-11-27'));
    expect(valueOn(orders, '2026-07-04')).toBeGreaterThan(1.15 * usual('2026-07-04'));
  });

  it('moves website sessions with marketing', () => {
    const sessions = seriesOf(cafe, 'website_sessions');
    const ig = seriesOf(cafe, 'marketing_spend', { channel: 'instagram' });
    const campaign = eventOf(cafe, 'campaign');
    const during = datesBetween(campaign.start, campaign.end);
    const before = datesBetween('2026-02-02', '2026-03-29');
    expect(meanOf(during.map((d) => valueOn(ig, d)))).toBeGreaterThan(100);
    expect(meanOf(before.map((d) => valueOn(ig, d)))).toBeLessThan(20);
    expect(meanOf(during.map((d) => valueOn(sessions, d)))).toBeGreaterThan(meanOf(before.map((d) => valueOn(sessions, d))) + 80);
  });
});
