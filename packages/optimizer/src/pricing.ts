import { diagnoseInfeasibility } from './diagnose';
import { OptimizerInputError, type InputIssue } from './errors';
import { money, percent, qty } from './format';
import { ModelBuilder, type LinearModel, type Variable } from './model';
import { pricingInputSchema, type PricingInput, type PricingParsed } from './pricing-schema';
import { hasSolution, solverInfo, statusSentence, type BindingConstraint, type ResultBase } from './result';
import { solveModel } from './solve';
import { parseInput } from './validate';

export interface PriceDecision {
  readonly productId: string;
  readonly name: string;
  readonly price: number;
  readonly currentPrice: number | null;
  readonly expectedDemand: number;
  /** Sales the plan counts on (below demand when stock or capacity runs out). */
  readonly expectedSales: number;
  readonly revenue: number;
  readonly profit: number;
  /** The price this product would get on its own, without shared capacity, ladders or equal-price groups. */
  readonly standalonePrice: number;
}

export interface PricingResult extends ResultBase {
  readonly prices: PriceDecision[];
  readonly expectedRevenue: number;
  /** Profit per extra unit of shared capacity (continuous-relaxation estimate); null without capacity. */
  readonly capacityShadowPrice: number | null;
}

interface Candidate {
  readonly price: number;
  readonly demand: number;
  /** Units that can be sold: demand capped by stock. */
  readonly sellable: number;
}

function candidates(input: PricingParsed): Candidate[][] {
  const issues: InputIssue[] = [];
  const out = input.products.map((p, i) => {
    const d = p.demand;
    const raw =
      'candidates' in d
        ? d.candidates
        : d.elasticity.prices.map((price) => ({ price, demand: d.elasticity.baseDemand * (price / d.elasticity.basePrice) ** d.elasticity.elasticity }));
    const fair = raw.filter((c) => p.maxChange === undefined || p.currentPrice === undefined || Math.abs(c.price - p.currentPrice) <= p.maxChange * p.currentPrice + 1e-9);
    if (fair.length === 0) issues.push({ path: `products.${i}.maxChange`, message: `no candidate price of ${p.name} is within ${percent(p.maxChange ?? 0)} of ${p.currentPrice}` });
    return fair.map((c) => ({ price: c.price, demand: c.demand, sellable: Math.min(c.demand, p.inventory ?? Infinity) }));
  });
  if (issues.length > 0) throw new OptimizerInputError(issues);
  return out;
}

interface Built {
  readonly model: LinearModel;
  readonly choose: Variable[][];
  readonly sell: Variable[][];
  readonly capacityRow: number | null;
}

/** One binary per candidate price (exactly one chosen) and sales at that price up to what can be sold. */
function build(input: PricingParsed, cands: Candidate[][]): Built {
  const b = new ModelBuilder('pricing', 'max');
  const choose: Variable[][] = [];
  const sell: Variable[][] = [];
  input.products.forEach((p, i) => {
    const list = cands[i] ?? [];
    const xs = list.map((_, k) => b.addVar(`price_${i}_${k}`, { kind: 'binary' }));
    const ss = list.map((c, k) => b.addVar(`sales_${i}_${k}`, { lb: 0, ub: c.sellable, cost: c.price - p.unitCost }));
    list.forEach((c, k) => b.addConstraint(`sell_${i}_${k}`, [[ss[k] as Variable, 1], [xs[k] as Variable, -c.sellable]], '<=', 0));
    b.addConstraint(`one_${i}`, xs.map((x) => [x, 1] as const), '==', 1);
    choose.push(xs);
    sell.push(ss);
  });
  const priceOf = (i: number, sign: number) => (choose[i] ?? []).map((x, k) => [x, sign * (cands[i]?.[k]?.price ?? 0)] as const);
  const index = new Map(input.products.map((p, i) => [p.id, i]));
  const nameOf = (id: string) => input.products[index.get(id) ?? 0]?.name ?? id;
  input.ladders.forEach((l, n) => {
    const hi = index.get(l.higher) ?? 0;
    const lo = index.get(l.lower) ?? 0;
    b.addConstraint(`ladder_${n}`, [...priceOf(hi, 1), ...priceOf(lo, -1)], '>=', l.minGap, `${nameOf(l.higher)} priced at least ${money(l.minGap, input.currency)} above ${nameOf(l.lower)}`);
  });
  input.samePrice.forEach((group, g) => {
    const first = index.get(group[0] ?? '') ?? 0;
    for (const id of group.slice(1)) {
      b.addConstraint(`same_${g}_${id}`, [...priceOf(index.get(id) ?? 0, 1), ...priceOf(first, -1)], '==', 0, `${nameOf(id)} priced like ${nameOf(group[0] ?? '')}`);
    }
  });
  const cap = input.capacity;
  const capacityRow = cap
    ? b.addConstraint('capacity', input.products.flatMap((p, i) => (sell[i] ?? []).map((s) => [s, p.capacityUse] as const)), '<=', cap.amount, cap.label)
    : null;
  return { model: b.build(), choose, sell, capacityRow };
}

/** The pricing MILP for an input, as the solver sees it. */
export function buildPricingModel(raw: PricingInput): LinearModel {
  const input = parseInput(pricingInputSchema, raw);
  return build(input, candidates(input)).model;
}

export async function solvePricing(raw: PricingInput): Promise<PricingResult> {
  const input = parseInput(pricingInputSchema, raw);
  const cands = candidates(input);
  const built = build(input, cands);
  const options = { engine: input.engine, timeLimit: input.timeLimit, ...(input.mipGap === undefined ? {} : { mipGap: input.mipGap }) };
  const solved = await solveModel(built.model, options);
  if (!hasSolution(solved)) {
    const diagnosis = solved.status === 'infeasible' ? await diagnoseInfeasibility(built.model, { timeLimit: input.timeLimit }) : undefined;
    return {
      status: solved.status,
      objective: null,
      prices: [],
      expectedRevenue: 0,
      capacityShadowPrice: null,
      binding: [],
      explanation: [diagnosis?.summary ?? statusSentence(solved) ?? 'No price plan was found.'],
      ...(diagnosis ? { diagnosis } : {}),
      solver: solverInfo(solved),
    };
  }
  const values = solved.values;
  const prices = input.products.map((p, i): PriceDecision => {
    const list = cands[i] ?? [];
    const k = Math.max(0, (built.choose[i] ?? []).findIndex((x) => (values[x.index] ?? 0) > 0.5));
    const c = list[k] ?? { price: 0, demand: 0, sellable: 0 };
    const sales = values[built.sell[i]?.[k]?.index ?? -1] ?? 0;
    const standalone = list.reduce((best, x) => ((x.price - p.unitCost) * x.sellable > (best.price - p.unitCost) * best.sellable + 1e-9 ? x : best), list[0] ?? c);
    return {
      productId: p.id,
      name: p.name,
      price: c.price,
      currentPrice: p.currentPrice ?? null,
      expectedDemand: c.demand,
      expectedSales: sales,
      revenue: c.price * sales,
      profit: (c.price - p.unitCost) * sales,
      standalonePrice: standalone.price,
    };
  });
  const capacityShadowPrice = built.capacityRow === null ? null : await relaxedCapacityDual(built.model, built.capacityRow);
  const binding: BindingConstraint[] = solved.binding
    .map((i) => ({ i, row: built.model.constraints[i] }))
    .filter(({ row }) => row?.label !== undefined)
    .map(({ i, row }) => ({ name: row?.name ?? '', label: row?.label ?? '', slack: 0, shadowPrice: i === built.capacityRow ? capacityShadowPrice : null }));
  const result: PricingResult = {
    status: solved.status,
    objective: solved.objective,
    prices,
    expectedRevenue: prices.reduce((s, p) => s + p.revenue, 0),
    capacityShadowPrice,
    binding,
    explanation: [],
    solver: solverInfo(solved),
  };
  return { ...result, explanation: explainPricing(input, result) };
}

async function relaxedCapacityDual(model: LinearModel, row: number): Promise<number | null> {
  const relaxed: LinearModel = { ...model, variables: model.variables.map((v) => ({ ...v, kind: 'continuous' as const })) };
  const s = await solveModel(relaxed);
  return s.duals ? Math.max(0, s.duals[row] ?? 0) : null;
}

const MAX_LINES = 10;

/** The shared rules a product's price is tied by, in words. */
function tiesOf(input: PricingParsed, id: string): string {
  const product = input.products.find((p) => p.id === id);
  const ties: string[] = [];
  if (input.capacity && (product?.capacityUse ?? 0) > 0) ties.push(`the ${input.capacity.label}`);
  if (input.ladders.some((l) => l.lower === id || l.higher === id)) ties.push('the price ladder');
  if (input.samePrice.some((g) => g.includes(id))) ties.push('equal pricing with its group');
  return ties.join(' and ') || 'shared rules';
}

function explainPricing(input: PricingParsed, r: PricingResult): string[] {
  const cur = input.currency;
  const lines: string[] = [];
  const status = statusSentence(r);
  if (status) lines.push(status);
  const ladderBinding = r.binding.filter((b) => b.name.startsWith('ladder_') || b.name.startsWith('same_'));
  const capacityBinding = r.binding.find((b) => b.name === 'capacity');
  const sorted = [...r.prices].sort((a, b) => b.profit - a.profit);
  for (const p of sorted.slice(0, MAX_LINES)) {
    const change =
      p.currentPrice === null || Math.abs(p.price - p.currentPrice) < 1e-9
        ? p.currentPrice === null
          ? ''
          : ' (unchanged)'
        : ` (${p.price > p.currentPrice ? 'up' : 'down'} ${percent(Math.abs(p.price - p.currentPrice) / p.currentPrice)} from ${money(p.currentPrice, cur)})`;
    const limited = p.expectedSales < p.expectedDemand - 1e-6 ? `, ${qty(p.expectedSales)} of ${qty(p.expectedDemand)} demanded because stock or ${input.capacity?.label ?? 'capacity'} runs out` : '';
    const why = Math.abs(p.standalonePrice - p.price) > 1e-9 ? `; on its own ${money(p.standalonePrice, cur)} would earn more, but ${tiesOf(input, p.productId)} make this the better price overall` : '';
    lines.push(`Price ${p.name} at ${money(p.price, cur)}${change}: about ${qty(p.expectedSales)} sales${limited} and ${money(p.profit, cur)} profit${why}.`);
  }
  if (r.prices.length > MAX_LINES) lines.push(`…and ${r.prices.length - MAX_LINES} more products.`);
  if (capacityBinding && r.capacityShadowPrice) lines.push(`The ${capacityBinding.label} is the limit: one more unit of it is worth about ${money(r.capacityShadowPrice, cur)} in profit.`);
  for (const b of ladderBinding) lines.push(`Binding rule: ${b.label}.`);
  lines.push(`Expected profit ${money(r.objective ?? 0, cur)} on ${money(r.expectedRevenue, cur)} revenue.`);
  return lines;
}
