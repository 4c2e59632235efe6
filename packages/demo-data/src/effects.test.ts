import { beforeAll, describe, expect, it } from 'vitest';
import { generateCafe, generateCafeCounterfactual, type DemoBusiness } from './index';
import { datesBetween, effectOf, eventOf, seriesOf, valueOn } from './testing';

const OPTS = { endDate: '2026-11-21' };
const sumOn = (s: Map<string, number>, dates: string[]) => dates.reduce((a, d) => a + valueOn(s, d), 0);
const shift = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

let cafe: DemoBusiness;
beforeAll(() => {
  cafe = generateCafe(OPTS);
});

describe('planted campaign', () => {
  let without: DemoBusiness;
  beforeAll(() => {
    without = generateCafeCounterfactual(OPTS, ['campaign']);
  });

  it('raises orders and revenue by exactly the documented amounts', () => {
    const e = eventOf(cafe, 'campaign');
    const days = datesBetween(e.start, e.end);
    expect(days.length).toBe(56);
    const diff = (m: string) => (sumOn(seriesOf(cafe, m), days) - sumOn(seriesOf(without, m), days)) / days.length;
    expect(diff('orders')).toBeCloseTo(effectOf(cafe, 'campaign', 'ordersPerDay'), 2);
    expect(diff('revenue')).toBeCloseTo(effectOf(cafe, 'campaign', 'revenuePerDay'), 2);
    expect(diff('website_sessions')).toBeCloseTo(effectOf(cafe, 'campaign', 'websiteSessionsPerDay'), 2);
    expect(diff('new_customers')).toBeCloseTo(effectOf(cafe, 'campaign', 'newCustomersPerDay'), 2);
  });

  it('is about 9% of baseline orders and matches its seed-free expectation', () => {
    const ordersPerDay = effectOf(cafe, 'campaign', 'ordersPerDay');
    const expected = effectOf(cafe, 'campaign', 'expectedOrdersPerDay');
    expect(Math.abs(ordersPerDay - expected)).toBeLessThan(0.3);
    expect(Math.abs(effectOf(cafe, 'campaign', 'revenuePerDay') / effectOf(cafe, 'campaign', 'expectedRevenuePerDay') - 1)).toBeLessThan(0.015);
    const e = eventOf(cafe, 'campaign');
    const days = datesBetween(e.start, e.end);
    const baseline = sumOn(seriesOf(without, 'orders'), days) / days.length;
    // Ramp-up weeks pull the average below the 9% plateau.
    expect(ordersPerDay / baseline).toBeGreaterThan(0.07);
    expect(ordersPerDay / baseline).toBeLessThan(0.09);
  });

  it('ramps up, decays for two weeks after the spend stops, then is gone', () => {
    const e = eventOf(cafe, 'campaign');
    const orders = seriesOf(cafe, 'orders');
    const base = seriesOf(without, 'orders');
    const gap = (from: string, to: string) => {
      const d = datesBetween(from, to);
      return (sumOn(orders, d) - sumOn(base, d)) / d.length;
    };
    const firstWeek = gap(e.start, shift(e.start, 6));
    const lastWeek = gap(shift(e.end, -6), e.end);
    const decay = gap(shift(e.end, 1), shift(e.end, 14));
    expect(firstWeek).toBeLessThan(lastWeek * 0.5);
    expect(decay).toBeGreaterThan(0);
    expect(decay).toBeLessThan(lastWeek);
    expect(decay).toBeCloseTo(effectOf(cafe, 'campaign', 'ordersPerDayDuringDecay'), 2);
    expect(gap(shift(e.end, 15), shift(e.end, 60))).toBe(0);
    expect(gap('2024-11-22', shift(e.start, -1))).toBe(0);
  });

  it('changes only Instagram spend', () => {
    for (const channel of ['google_ads', 'flyers', 'email']) {
      expect([...seriesOf(cafe, 'marketing_spend', { channel }).values()]).toEqual([...seriesOf(without, 'marketing_spend', { channel }).values()]);
    }
    const e = eventOf(cafe, 'campaign');
    const ig = seriesOf(cafe, 'marketing_spend', { channel: 'instagram' });
    const igWithout = seriesOf(without, 'marketing_spend', { channel: 'instagram' });
    const days = datesBetween(e.start, e.end);
    expect(sumOn(ig, days) / days.length).toBeCloseTo(120, -1);
    expect(sumOn(igWithout, days) / days.length).toBeCloseTo(15, 0);
    expect(without.events.some((x) => x.kind === 'campaign')).toBe(false);
  });
});

describe('planted stock-out', () => {
  let without: DemoBusiness;
  beforeAll(() => {
    without = generateCafeCounterfactual(OPTS, ['stockout']);
  });

  it('empties oat milk and croissants for seven days, with at least two stock-outs a day', () => {
    const e = eventOf(cafe, 'stockout');
    const week = datesBetween(e.start, e.end);
    expect(week.length).toBe(7);
    for (const sku of ['MILK-OAT', 'CROISSANT']) {
      const level = seriesOf(cafe, 'inventory_level', { sku });
      for (const d of week) expect(valueOn(level, d)).toBe(0);
      expect(valueOn(level, shift(e.start, -1))).toBeGreaterThan(0);
      expect(valueOn(level, shift(e.end, 1))).toBeGreaterThan(0);
      for (const d of week) expect(valueOn(seriesOf(without, 'inventory_level', { sku }), d)).toBeGreaterThan(0);
    }
    const stockouts = seriesOf(cafe, 'stockouts');
    for (const d of week) expect(valueOn(stockouts, d)).toBeGreaterThanOrEqual(2);
    // Nothing else runs out around it, so the week stands out.
    for (const d of [...datesBetween(shift(e.start, -28), shift(e.start, -1)), ...datesBetween(shift(e.end, 1), shift(e.end, 28))]) {
      expect(valueOn(stockouts, d)).toBe(0);
    }
  });

  it('costs exactly the documented 12% of the counterfactual week, mostly in bakery and coffee', () => {
    const e = eventOf(cafe, 'stockout');
    const week = datesBetween(e.start, e.end);
    const actual = sumOn(seriesOf(cafe, 'revenue'), week);
    const counterfactual = sumOn(seriesOf(without, 'revenue'), week);
    expect(counterfactual).toBeCloseTo(effectOf(cafe, 'stockout', 'counterfactualRevenue'), 2);
    expect(counterfactual - actual).toBeCloseTo(effectOf(cafe, 'stockout', 'revenueLoss'), 2);
    expect(actual / counterfactual - 1).toBeCloseTo(-0.12, 3);
    expect(effectOf(cafe, 'stockout', 'revenuePct')).toBe(-12);

    const catLoss = (category: string) => sumOn(seriesOf(without, 'category_revenue', { category }), week) - sumOn(seriesOf(cafe, 'category_revenue', { category }), week);
    expect(catLoss('bakery')).toBeCloseTo(effectOf(cafe, 'stockout', 'bakeryRevenueLoss'), 2);
    expect(catLoss('coffee')).toBeCloseTo(effectOf(cafe, 'stockout', 'coffeeRevenueLoss'), 2);
    expect(catLoss('bakery') + catLoss('coffee')).toBeGreaterThan(0.8 * (counterfactual - actual));

    const ordersLost = sumOn(seriesOf(without, 'orders'), week) - sumOn(seriesOf(cafe, 'orders'), week);
    expect(ordersLost).toBe(effectOf(cafe, 'stockout', 'ordersLost'));
    expect(ordersLost).toBeGreaterThan(0);
  });

  it('touches nothing outside its week except the restocking that follows', () => {
    const e = eventOf(cafe, 'stockout');
    for (const m of ['revenue', 'orders', 'labour_hours', 'website_sessions']) {
      const a = seriesOf(cafe, m);
      const b = seriesOf(without, m);
      for (const [d, v] of a) if (d < e.start || d > e.end) expect(v).toBe(valueOn(b, d));
    }
  });
});

describe('planted price change', () => {
  let without: DemoBusiness;
  beforeAll(() => {
    without = generateCafeCounterfactual(OPTS, ['price_change']);
  });

  it('raises the ticket about 5% and cuts orders 2%, as documented', () => {
    const e = eventOf(cafe, 'price_change');
    const days = datesBetween(e.start, shift(e.start, effectOf(cafe, 'price_change', 'measuredOverDays') - 1));
    const ticket = (b: DemoBusiness) => sumOn(seriesOf(b, 'revenue'), days) / sumOn(seriesOf(b, 'orders'), days);
    const ticketPct = (ticket(cafe) / ticket(without) - 1) * 100;
    const ordersPct = (sumOn(seriesOf(cafe, 'orders'), days) / sumOn(seriesOf(without, 'orders'), days) - 1) * 100;
    expect(ticketPct).toBeCloseTo(effectOf(cafe, 'price_change', 'averageTicketPct'), 2);
    expect(ordersPct).toBeCloseTo(effectOf(cafe, 'price_change', 'ordersPct'), 2);
    expect(ticketPct).toBeGreaterThan(4.5);
    expect(ticketPct).toBeLessThan(5.5);
    expect(Math.abs(ordersPct + 2)).toBeLessThan(0.2);
    expect(Math.abs(ticketPct - effectOf(cafe, 'price_change', 'expectedAverageTicketPct'))).toBeLessThan(0.2);
  });

  it('is permanent and starts on its day', () => {
    const e = eventOf(cafe, 'price_change');
    const coffee = seriesOf(cafe, 'category_revenue', { category: 'coffee' });
    const coffeeWithout = seriesOf(without, 'category_revenue', { category: 'coffee' });
    const orders = seriesOf(cafe, 'orders');
    const ordersWithout = seriesOf(without, 'orders');
    const before = datesBetween('2024-11-22', shift(e.start, -1));
    for (const d of before) expect(valueOn(coffee, d)).toBe(valueOn(coffeeWithout, d));
    const lastQuarter = datesBetween('2026-08-23', '2026-11-21');
    const perOrder = (c: Map<string, number>, o: Map<string, number>) => sumOn(c, lastQuarter) / sumOn(o, lastQuarter);
    expect(perOrder(coffee, orders) / perOrder(coffeeWithout, ordersWithout)).toBeCloseTo(1.08, 2);
  });
});

describe('planted effects across seeds', () => {
  it('keep their dates and structural sizes; only the noise moves the realised numbers', () => {
    const other = generateCafe({ ...OPTS, seed: 2024 });
    const structural = (b: DemoBusiness) =>
      b.events.map((e) => ({
        kind: e.kind,
        start: e.start,
        end: e.end,
        fixed: Object.fromEntries(Object.entries(e.effect).filter(([k]) => k.startsWith('expected') || k.endsWith('Pct') && !['ordersPct', 'averageTicketPct', 'revenuePct'].includes(k))),
      }));
    expect(structural(other)).toEqual(structural(cafe));
    expect(effectOf(other, 'stockout', 'revenuePct')).toBe(-12);
    expect(effectOf(other, 'campaign', 'ordersPerDay')).not.toBe(effectOf(cafe, 'campaign', 'ordersPerDay'));
    expect(Math.abs(effectOf(other, 'campaign', 'ordersPerDay') - effectOf(other, 'campaign', 'expectedOrdersPerDay'))).toBeLessThan(0.3);
  });
});
