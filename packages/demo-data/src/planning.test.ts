import { describe, expect, it } from 'vitest';
import { parseDay, weekday } from './dates';
import { generateCafe } from './index';
import { STOCK_ITEMS } from './items';
import { cafePlanningSettings } from './planning';
import { datesBetween, seriesOf } from './testing';

const endDate = '2026-11-21';

describe('the café’s planning settings', () => {
  const settings = cafePlanningSettings({ endDate });
  const cafe = generateCafe({ endDate, days: 42 });
  const orders = seriesOf(cafe, 'orders');

  it('uses per order what the simulated stock actually loses per order (within 12%)', () => {
    // On days without a delivery, yesterday's level minus today's is the day's use.
    const days = datesBetween('2026-10-25', endDate);
    let compared = 0;
    for (const item of STOCK_ITEMS.filter((i) => i.deliveryDays.length < 7)) {
      const level = seriesOf(cafe, 'inventory_level', { sku: item.sku });
      let used = 0;
      let ordersThen = 0;
      for (let k = 1; k < days.length; k++) {
        const today = days[k]!;
        const before = level.get(days[k - 1]!) ?? 0;
        const after = level.get(today) ?? 0;
        if (item.deliveryDays.includes(weekday(parseDay(today))) || after <= 0) continue;
        used += before - after;
        ordersThen += orders.get(today) ?? 0;
      }
      const perUnit = settings.inventory.skus.find((s) => s.id === item.sku)!.usage.perUnit;
      if (used < 50) continue; // a unit or two a day, rounded daily: too coarse to compare
      expect(Math.abs(used / ordersThen - perUnit) / perUnit, item.sku).toBeLessThan(0.12);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it('gives every SKU a supplier with a minimum, a case pack and positive costs', () => {
    const suppliers = new Set(settings.inventory.suppliers.map((s) => s.id));
    expect(settings.inventory.skus.length).toBe(STOCK_ITEMS.length);
    for (const sku of settings.inventory.skus) {
      expect(suppliers.has(sku.supplier), sku.id).toBe(true);
      expect(sku.stockoutCost).toBeGreaterThan(sku.holdingCost);
      expect(sku.usage.perUnit).toBeGreaterThan(0);
    }
  });

  it('has a roster of about ten people who cover each role every day', () => {
    const { employees, roles } = settings.staffing;
    expect(employees.length).toBeGreaterThanOrEqual(10);
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']) {
      for (const role of roles) {
        const able = employees.filter((e) => e.roles.includes(role.id) && e.availability.some((w) => w.day === day));
        expect(able.length, `${role.id} on ${day}`).toBeGreaterThanOrEqual(2);
      }
    }
  });
});
