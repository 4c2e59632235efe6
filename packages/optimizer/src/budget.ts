import { budgetInputSchema, type BudgetInput, type BudgetParsed } from './budget-schema';
import { diagnoseInfeasibility } from './diagnose';
import { money, qty } from './format';
import { ModelBuilder, type LinearModel, type Variable } from './model';
import { hasSolution, solverInfo, statusSentence, type BindingConstraint, type ResultBase } from './result';
import { solveModel } from './solve';
import { parseInput } from './validate';

export interface BudgetAllocation {
  readonly channelId: string;
  readonly name: string;
  readonly spend: number;
  readonly expectedRevenue: number;
  /** Revenue the next dollar in this channel would bring (0 at the curve's end or the channel's cap). */
  readonly marginalRevenue: number;
  readonly atMin: boolean;
  readonly atMax: boolean;
}

export interface BudgetResult extends ResultBase {
  readonly allocations: BudgetAllocation[];
  readonly totalSpend: number;
  readonly expectedRevenue: number;
  readonly expectedProfit: number;
  /** Objective gained per extra dollar of total budget (LP dual). */
  readonly shadowPrices: { budget: number; minSpend: Record<string, number>; maxSpend: Record<string, number> };
}

interface Built {
  readonly model: LinearModel;
  readonly segments: Array<Array<{ v: Variable; slope: number; length: number }>>;
  readonly rows: { budget: number; min: Array<number | null>; max: Array<number | null> };
}

/**
 * Each channel's concave curve becomes segments of decreasing slope; filling a later segment before an
 * earlier one never pays, so the LP needs no binaries.
 */
function build(input: BudgetParsed): Built {
  const b = new ModelBuilder('budget', 'max');
  const profit = input.objective === 'profit';
  const segments = input.channels.map((c, i) =>
    c.response.slice(1).map((p, k) => {
      const prev = c.response[k] ?? p;
      const length = p.spend - prev.spend;
      const slope = (p.revenue - prev.revenue) / length;
      const v = b.addVar(`spend_${i}_${k}`, { lb: 0, ub: length, cost: profit ? c.margin * slope - 1 : slope });
      return { v, slope, length };
    }),
  );
  const base = input.channels.reduce((s, c) => s + (c.response[0]?.revenue ?? 0) * (profit ? c.margin : 1), 0);
  b.addObjectiveConstant(base);
  const all = segments.flat().map((s) => [s.v, 1] as const);
  const budget = input.spendAll
    ? b.addConstraint('budget', all, '==', input.totalBudget, 'total budget (to be spent in full)')
    : b.addConstraint('budget', all, '<=', input.totalBudget, 'total budget');
  const min: Array<number | null> = [];
  const max: Array<number | null> = [];
  input.channels.forEach((c, i) => {
    const terms = (segments[i] ?? []).map((s) => [s.v, 1] as const);
    const top = c.response[c.response.length - 1]?.spend ?? 0;
    min.push(c.minSpend > 0 ? b.addConstraint(`min_${i}`, terms, '>=', c.minSpend, `minimum spend on ${c.name}`) : null);
    max.push(c.maxSpend !== undefined && c.maxSpend < top ? b.addConstraint(`max_${i}`, terms, '<=', c.maxSpend, `maximum spend on ${c.name}`) : null);
  });
  return { model: b.build(), segments, rows: { budget, min, max } };
}

/** The budget LP for an input, as the solver sees it. */
export function buildBudgetModel(raw: BudgetInput): LinearModel {
  return build(parseInput(budgetInputSchema, raw)).model;
}

export async function solveBudget(raw: BudgetInput): Promise<BudgetResult> {
  const input = parseInput(budgetInputSchema, raw);
  const built = build(input);
  const solved = await solveModel(built.model, { engine: input.engine, timeLimit: input.timeLimit, ...(input.mipGap === undefined ? {} : { mipGap: input.mipGap }) });
  if (!hasSolution(solved)) {
    const diagnosis = solved.status === 'infeasible' ? await diagnoseInfeasibility(built.model) : undefined;
    return {
      status: solved.status,
      objective: null,
      allocations: [],
      totalSpend: 0,
      expectedRevenue: 0,
      expectedProfit: 0,
      shadowPrices: { budget: 0, minSpend: {}, maxSpend: {} },
      binding: [],
      explanation: [diagnosis?.summary ?? statusSentence(solved) ?? 'No allocation was found.'],
      ...(diagnosis ? { diagnosis } : {}),
      solver: solverInfo(solved),
    };
  }
  const values = solved.values;
  const duals = solved.duals ?? [];
  const allocations = input.channels.map((c, i): BudgetAllocation => {
    const segs = built.segments[i] ?? [];
    const spend = segs.reduce((s, g) => s + (values[g.v.index] ?? 0), 0);
    const revenue = (c.response[0]?.revenue ?? 0) + segs.reduce((s, g) => s + g.slope * (values[g.v.index] ?? 0), 0);
    const top = Math.min(c.maxSpend ?? Infinity, c.response[c.response.length - 1]?.spend ?? 0);
    const next = segs.find((g) => (values[g.v.index] ?? 0) < g.length - 1e-7);
    return {
      channelId: c.id,
      name: c.name,
      spend,
      expectedRevenue: revenue,
      marginalRevenue: spend >= top - 1e-7 ? 0 : (next?.slope ?? 0),
      atMin: c.minSpend > 0 && spend <= c.minSpend + 1e-7,
      atMax: spend >= top - 1e-7,
    };
  });
  const totalSpend = allocations.reduce((s, a) => s + a.spend, 0);
  const expectedRevenue = allocations.reduce((s, a) => s + a.expectedRevenue, 0);
  const expectedProfit = input.channels.reduce((s, c, i) => s + c.margin * (allocations[i]?.expectedRevenue ?? 0), 0) - totalSpend;
  const byChannel = (rows: Array<number | null>): Record<string, number> =>
    Object.fromEntries(input.channels.flatMap((c, i) => (rows[i] === null || rows[i] === undefined ? [] : [[c.id, duals[rows[i]] ?? 0]])));
  const shadowPrices = { budget: duals[built.rows.budget] ?? 0, minSpend: byChannel(built.rows.min), maxSpend: byChannel(built.rows.max) };
  const binding: BindingConstraint[] = solved.binding.map((i) => {
    const row = built.model.constraints[i];
    return { name: row?.name ?? '', label: row?.label ?? '', slack: 0, shadowPrice: duals[i] ?? null };
  });
  const result: BudgetResult = {
    status: solved.status,
    objective: solved.objective,
    allocations,
    totalSpend,
    expectedRevenue,
    expectedProfit,
    shadowPrices,
    binding,
    explanation: [],
    solver: solverInfo(solved),
  };
  return { ...result, explanation: explainBudget(input, result) };
}

/** Why a channel stops where it does: its next dollar earns no more than the budget's marginal value (or than it costs). */
function nextDollar(a: BudgetAllocation, margin: number, budgetValue: number, input: BudgetParsed): string {
  const cur = input.currency;
  const revenue = `the next dollar there would bring ${money(a.marginalRevenue, cur)} in revenue`;
  if (input.objective === 'revenue') return `${revenue}, no more than elsewhere`;
  const profit = margin * a.marginalRevenue - 1;
  return budgetValue > 1e-9
    ? `${revenue} (${money(profit, cur)} profit after its cost), no more than elsewhere`
    : `${revenue}, which at a margin of ${Math.round(margin * 100)}% no longer covers the dollar spent`;
}

function explainBudget(input: BudgetParsed, r: BudgetResult): string[] {
  const cur = input.currency;
  const lines: string[] = [];
  const what = input.objective === 'profit' ? 'profit' : 'revenue';
  const sorted = [...r.allocations].sort((a, b) => b.spend - a.spend);
  const marginOf = (id: string) => (input.objective === 'profit' ? (input.channels.find((c) => c.id === id)?.margin ?? 1) : 1);
  for (const a of sorted) {
    if (a.spend <= 1e-7) {
      lines.push(`Spend nothing on ${a.name}: its first dollar returns less than the alternatives.`);
      continue;
    }
    const reason = a.atMax
      ? 'it is at its cap'
      : a.atMin
        ? 'held at its minimum; more would return less than elsewhere'
        : nextDollar(a, marginOf(a.channelId), r.shadowPrices.budget, input);
    lines.push(`Put ${money(a.spend, cur)} into ${a.name} (expected revenue ${money(a.expectedRevenue, cur)}): ${reason}.`);
  }
  const unspent = input.totalBudget - r.totalSpend;
  if (unspent > 1e-6) lines.push(`Leave ${money(unspent, cur)} unspent: no channel returns more than it costs beyond this point.`);
  else if (r.shadowPrices.budget > 1e-9) lines.push(`The budget is fully used: each extra ${money(1, cur)} would add about ${money(r.shadowPrices.budget, cur)} of ${what}.`);
  for (const [id, price] of Object.entries(r.shadowPrices.minSpend)) {
    const ch = input.channels.find((c) => c.id === id);
    if (ch && price < -1e-9) lines.push(`The minimum on ${ch.name} costs ${money(-price, cur)} of ${what} per dollar it forces.`);
  }
  lines.push(`Expected ${what}: ${money(r.objective ?? 0, cur)} (revenue ${money(r.expectedRevenue, cur)} on ${money(r.totalSpend, cur)} spend, ${qty(r.totalSpend > 0 ? r.expectedRevenue / r.totalSpend : 0, 2)}× return).`);
  return lines;
}
