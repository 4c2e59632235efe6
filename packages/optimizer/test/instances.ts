// Seeded instance generators shared by the cross-check tests and the bench.
import type { InventoryInput } from '../src/inventory-schema';

/** mulberry32: small, deterministic, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** A shop's weekly reorder: `n` SKUs with weekly forecasts (80% and 95% intervals), 12 suppliers with minimums, shared space and cash. */
export function inventoryInstance(n: number, seed = 1): InventoryInput {
  const r = rng(seed);
  const suppliers = Array.from({ length: 12 }, (_, j) => ({ id: `sup${j}`, name: `Supplier ${j}`, minOrderValue: round2(150 + 400 * r()) }));
  const skus = Array.from({ length: n }, (_, i) => {
    const mean = Array.from({ length: 3 }, () => round2(5 + 80 * r()));
    const spread = 0.15 + 0.35 * r();
    const unitCost = round2(1 + 20 * r());
    return {
      id: `sku${i}`,
      name: `Item ${i}`,
      unitCost,
      casePack: [1, 6, 12, 24][Math.floor(r() * 4)] ?? 1,
      onHand: Math.floor(30 * r()),
      leadTimePeriods: Math.floor(r() * 2),
      holdingCost: round2(unitCost * (0.05 + 0.3 * r())),
      stockoutCost: round2(unitCost * (0.5 + 1.5 * r())),
      volumePerUnit: round2(0.2 + 2 * r()),
      supplier: `sup${i % 12}`,
      demand: {
        forecast: {
          mean,
          intervals: [
            { level: 0.8, lower: mean.map((m) => round2(m * (1 - 1.28 * spread))), upper: mean.map((m) => round2(m * (1 + 1.28 * spread))) },
            { level: 0.95, lower: mean.map((m) => round2(Math.max(0, m * (1 - 1.96 * spread)))), upper: mean.map((m) => round2(m * (1 + 1.96 * spread))) },
          ],
        },
      },
    };
  });
  const volume = skus.reduce((s, k) => s + 40 * k.volumePerUnit, 0) * 0.6;
  const cash = skus.reduce((s, k) => s + 40 * k.unitCost, 0) * 0.7;
  return { skus, suppliers, capacity: { volume: round2(volume), cash: round2(cash), volumeUnit: 'litre', volumeLabel: 'stock room' } };
}

/** A café's week: 168 hourly requirements with a lunch and evening peak, busier weekends, 3 shift lengths. */
export function staffingWeekRequired(peak = 30, seed = 2): number[] {
  const r = rng(seed);
  return Array.from({ length: 168 }, (_, t) => {
    const h = t % 24;
    const day = Math.floor(t / 24);
    if (h < 6 || h >= 23) return 0;
    const shape = 0.35 + 0.65 * Math.max(Math.exp(-((h - 12.5) ** 2) / 4), 0.8 * Math.exp(-((h - 19) ** 2) / 3));
    const weekend = day >= 5 ? 1 : 0.75;
    return Math.max(1, Math.round(peak * shape * weekend * (0.9 + 0.2 * r())));
  });
}

/** Hourly demand forecast (customers/hour) matching the week above, with 80% and 95% intervals. */
export function staffingWeekForecast(peakCustomers = 300, seed = 2) {
  const mean = staffingWeekRequired(peakCustomers, seed).map((x) => x);
  const width = (z: number) => mean.map((m) => (m > 0 ? z * (0.1 * m + 2) : 0));
  const w80 = width(1.2816);
  const w95 = width(1.96);
  return {
    mean,
    intervals: [
      { level: 0.8, lower: mean.map((m, t) => Math.max(0, m - (w80[t] ?? 0))), upper: mean.map((m, t) => m + (w80[t] ?? 0)) },
      { level: 0.95, lower: mean.map((m, t) => Math.max(0, m - (w95[t] ?? 0))), upper: mean.map((m, t) => m + (w95[t] ?? 0)) },
    ],
  };
}

/** Marketing channels with diminishing returns revenue = a·√spend sampled at 8 points, with mins and caps. */
export function budgetInstance(channels: number, seed = 3) {
  const r = rng(seed);
  return {
    totalBudget: 2000 * channels,
    channels: Array.from({ length: channels }, (_, i) => {
      const a = 40 + 160 * r();
      const top = 2000 + 6000 * r();
      return {
        id: `ch${i}`,
        name: `Channel ${i}`,
        margin: round2(0.3 + 0.5 * r()),
        minSpend: r() < 0.2 ? 200 : 0,
        ...(r() < 0.3 ? { maxSpend: Math.round(top * 0.6) } : {}),
        response: Array.from({ length: 8 }, (_, k) => {
          const spend = Math.round((top * k) / 7);
          return { spend, revenue: round2(a * Math.sqrt(spend)) };
        }),
      };
    }),
  };
}

/** A menu: `n` products, 9 candidate prices each from a constant-elasticity curve, shared kitchen minutes, size ladders. */
export function pricingInstance(n: number, seed = 4) {
  const r = rng(seed);
  const bases: number[] = [];
  const products = Array.from({ length: n }, (_, i) => {
    // Every third product is the larger size of the one before it: dearer, so a ladder can hold.
    const base = i % 3 === 1 ? round2((bases[i - 1] ?? 5) * (1.3 + 0.2 * r())) : round2(3 + 12 * r());
    bases.push(base);
    return {
      id: `p${i}`,
      name: `Product ${i}`,
      unitCost: round2(base * (0.25 + 0.3 * r())),
      currentPrice: base,
      capacityUse: round2(1 + 4 * r()),
      maxChange: 0.2,
      demand: {
        elasticity: {
          basePrice: base,
          baseDemand: Math.round(50 + 300 * r()),
          elasticity: round2(-0.8 - 2 * r()),
          prices: Array.from({ length: 9 }, (_, k) => round2(base * (0.8 + 0.05 * k))),
        },
      },
    };
  });
  const minutes = products.reduce((s, p) => s + p.capacityUse * p.demand.elasticity.baseDemand, 0) * 0.8;
  const ladders = Array.from({ length: Math.floor(n / 3) }, (_, k) => ({ lower: `p${3 * k}`, higher: `p${3 * k + 1}`, minGap: 0.5 }));
  return { products, capacity: { amount: Math.round(minutes), label: 'kitchen minutes' }, ladders };
}

/** The same week for 30 named people in two roles, part- and full-timers, some unavailable days. */
export function staffingWeekNamed(seed = 6, people = 30, peak = 6, days = 7) {
  const r = rng(seed);
  const crew = staffingWeekRequired(peak, seed).slice(0, 24 * days);
  const lead = crew.map((x) => (x > 0 ? 1 : 0));
  const hours = 24 * days;
  const employees = Array.from({ length: people }, (_, i) => {
    const partTime = r() < 0.4;
    const off = Math.floor(r() * 7);
    return {
      id: `e${i}`,
      name: `Person ${i}`,
      roles: i < 6 ? ['lead', 'crew'] : ['crew'],
      hourlyCost: round2((i < 6 ? 24 : 16) + 4 * r()),
      minHours: partTime ? 0 : Math.round((24 * days) / 7),
      maxHours: partTime ? 24 : 40,
      available: [
        ...(off > 0 ? [{ from: 0, to: Math.min(off * 24, hours) }] : []),
        ...(off < days - 1 ? [{ from: (off + 1) * 24, to: hours }] : []),
      ].filter((w) => w.to > w.from),
    };
  });
  return {
    roles: [
      { id: 'lead', name: 'Shift lead', demand: { required: lead } },
      { id: 'crew', name: 'Crew', demand: { required: crew } },
    ],
    shifts: { lengths: [4, 6, 8], startHours: [6, 8, 10, 12, 14, 16] },
    employees,
    rules: { minRestHours: 10, maxConsecutiveDays: 5 },
  };
}
