import { diagnoseInfeasibility, type Diagnosis } from './diagnose';
import { plural } from './format';
import { inventoryInputSchema, type InventoryInput, type InventoryParsed, type InventorySku } from './inventory-schema';
import { ModelBuilder, type LinearModel, type Variable } from './model';
import { heuristicCostAt, roundAndFill, type HeuristicSku } from './inventory-heuristic';
import { bestCases, costLines, coverProbability, expectedCost, type CostLine, type StockPolicy } from './newsvendor';
import { explainInventory } from './inventory-explain';
import { hasSolution, solverInfo, statusSentence, type BindingConstraint, type ResultBase } from './result';
import { pointScenario, scenarioMean, scenariosFromForecast, type Scenarios } from './scenarios';
import { solveModel, type ModelSolution } from './solve';
import { parseInput } from './validate';

export interface InventoryOrder {
  readonly skuId: string;
  readonly name: string;
  readonly cases: number;
  readonly units: number;
  readonly purchaseCost: number;
  readonly volume: number;
  /** Expected leftover + stock-out cost over the cover window with this order. */
  readonly expectedCost: number;
  /** Probability that stock covers demand over the cover window. */
  readonly coverProbability: number;
  /** Cases this SKU would get if shared limits (space, cash, supplier minimums) did not bind. */
  readonly unconstrainedCases: number;
}

export interface InventoryPlanSummary {
  readonly orders: Array<{ skuId: string; cases: number }>;
  /** Expected cost under the forecast's scenarios. */
  readonly expectedCost: number;
}

export interface InventoryResult extends ResultBase {
  readonly orders: InventoryOrder[];
  readonly suppliers: Array<{ id: string; used: boolean; orderValue: number; minOrderValue: number }>;
  /** Saving per period from one more unit of space / one more unit of cash (continuous-relaxation estimate). */
  readonly shadowPrices: { volume: number | null; cash: number | null };
  /** Present when some demand is uncertain: the plan made for the average next to the plan made for the range. */
  readonly uncertainty?: {
    readonly stochastic: InventoryPlanSummary;
    readonly deterministic: InventoryPlanSummary & { plannedCost: number };
    /** deterministic.expectedCost − stochastic.expectedCost: what ignoring uncertainty would cost. */
    readonly valueOfStochasticSolution: number;
  };
}

interface SkuData {
  readonly sku: InventorySku;
  readonly policy: StockPolicy;
  readonly demand: Scenarios;
  readonly maxCases: number;
  readonly uncertain: boolean;
}

/** Demand in the lead-time periods (served from current stock) and scenarios of demand in the cover window. */
function skuDemand(sku: InventorySku, scenarioCount: number): { lead: number; cover: Scenarios; uncertain: boolean } {
  const d = sku.demand;
  if ('point' in d) return { lead: d.point * sku.leadTimePeriods, cover: pointScenario(d.point * sku.coverPeriods), uncertain: false };
  if ('scenarios' in d) {
    const probs = d.probabilities ?? d.scenarios.map(() => 1 / d.scenarios.length);
    const mean = d.scenarios.reduce((s, v, k) => s + v * (probs[k] ?? 0), 0);
    return { lead: mean * sku.leadTimePeriods, cover: { values: d.scenarios.map((v) => v * sku.coverPeriods), probs }, uncertain: d.scenarios.length > 1 };
  }
  const f = d.forecast;
  const steps = Array.from({ length: sku.coverPeriods }, (_, k) => sku.leadTimePeriods + k);
  const lead = f.mean.slice(0, sku.leadTimePeriods).reduce((s, v) => s + v, 0);
  return { lead, cover: scenariosFromForecast(f, steps, scenarioCount), uncertain: f.intervals.length > 0 };
}

function prepare(input: InventoryParsed): SkuData[] {
  const minOrder = new Map(input.suppliers.map((s) => [s.id, s.minOrderValue]));
  return input.skus.map((sku) => {
    const { lead, cover, uncertain } = skuDemand(sku, input.scenarioCount);
    const policy: StockPolicy = {
      available: Math.max(0, sku.onHand + sku.onOrder - lead),
      casePack: sku.casePack,
      holdingCost: sku.holdingCost,
      stockoutCost: sku.stockoutCost,
    };
    const caseCost = sku.unitCost * sku.casePack;
    const caseVolume = sku.volumePerUnit * sku.casePack;
    let cap = sku.maxCases ?? Infinity;
    if (input.capacity.cash !== undefined && caseCost > 0) cap = Math.min(cap, Math.floor(input.capacity.cash / caseCost + 1e-9));
    if (input.capacity.volume !== undefined && caseVolume > 0) cap = Math.min(cap, Math.floor(input.capacity.volume / caseVolume + 1e-9));
    // Tight upper bound (it makes the supplier links and the LP bound tight): past the SKU's own best number
    // of cases every case costs more and uses more space and cash, so an optimal plan only goes further to
    // reach a supplier minimum, and never beyond the cases that reach it on their own.
    const maxDemand = Math.max(...cover.values);
    const demandCap = Math.ceil(Math.max(0, maxDemand - policy.available) / sku.casePack) + 1;
    const own = bestCases(policy, cover, sku.minCases, Math.max(sku.minCases, Math.min(cap, demandCap)));
    const supplierMin = sku.supplier ? (minOrder.get(sku.supplier) ?? 0) : 0;
    const reach = supplierMin > 0 && caseCost > 0 ? Math.ceil(supplierMin / caseCost - 1e-9) : 0;
    cap = Math.min(cap, Math.max(own, reach));
    return { sku, policy, demand: cover, maxCases: Math.max(cap, sku.minCases), uncertain };
  });
}

export interface InventoryModel {
  readonly model: LinearModel;
  readonly cases: Variable[];
  /** Each SKU's expected-cost column and the lines bounding it from below. */
  readonly costs: Array<{ v: Variable; lines: CostLine[] }>;
  readonly supplierOpen: Map<string, Variable>;
  readonly rows: { volume: number | null; cash: number | null };
}

/**
 * Per-SKU separable expected cost (cost_i ≥ each line of its convex cost in cases) sharing only the
 * space, cash and supplier rows. `demandOf` picks the scenarios each SKU is planned for.
 */
function buildModel(input: InventoryParsed, data: SkuData[], demandOf: (d: SkuData) => Scenarios): InventoryModel {
  const b = new ModelBuilder('inventory', 'min');
  const cases = data.map((d, i) => b.addVar(`cases_${i}`, { lb: 0, ub: d.maxCases, kind: 'integer' }));
  const costs = data.map((d, i) => {
    const n = cases[i] as Variable;
    const cost = b.addVar(`cost_${i}`, { lb: 0, ub: Infinity, cost: 1 });
    const lines = costLines(d.policy, demandOf(d), d.maxCases);
    lines.forEach((line, k) => {
      b.addConstraint(`cost_${i}_${k}`, [[cost, 1], [n, -line.slope]], '>=', line.intercept);
    });
    if (d.sku.minCases > 0) b.addConstraint(`min_${i}`, [[n, 1]], '>=', d.sku.minCases, `at least ${plural(d.sku.minCases, 'case')} of ${d.sku.name}`);
    return { v: cost, lines };
  });
  const cap = input.capacity;
  const volume =
    cap.volume === undefined
      ? null
      : b.addConstraint('volume', data.map((d, i) => [cases[i] as Variable, d.sku.volumePerUnit * d.sku.casePack] as const), '<=', cap.volume, `${cap.volumeLabel} (${cap.volumeUnit})`);
  const cash =
    cap.cash === undefined ? null : b.addConstraint('cash', data.map((d, i) => [cases[i] as Variable, d.sku.unitCost * d.sku.casePack] as const), '<=', cap.cash, 'cash budget');
  const supplierOpen = new Map<string, Variable>();
  for (const s of input.suppliers) {
    if (s.minOrderValue <= 0) continue;
    const members = data.map((d, i) => ({ d, i })).filter(({ d }) => d.sku.supplier === s.id);
    if (members.length === 0) continue;
    const open = b.addVar(`open_${s.id}`, { kind: 'binary' });
    supplierOpen.set(s.id, open);
    for (const { d, i } of members) b.addConstraint(`link_${s.id}_${i}`, [[cases[i] as Variable, 1], [open, -d.maxCases]], '<=', 0);
    b.addConstraint(
      `minorder_${s.id}`,
      [...members.map(({ d, i }) => [cases[i] as Variable, d.sku.unitCost * d.sku.casePack] as const), [open, -s.minOrderValue]],
      '>=',
      0,
      `minimum order at ${s.name ?? s.id}`,
    );
  }
  return { model: b.build(), cases, costs, supplierOpen, rows: { volume, cash } };
}

/** The inventory model for an input, as the solver sees it (for benchmarks and cross-checks); `average` plans for mean demand. */
export function buildInventoryModel(raw: InventoryInput, plan: 'scenarios' | 'average' = 'scenarios'): InventoryModel {
  const input = parseInput(inventoryInputSchema, raw);
  return buildModel(input, prepare(input), plan === 'average' ? (d) => pointScenario(scenarioMean(d.demand)) : (d) => d.demand);
}

function readCases(im: InventoryModel, s: ModelSolution & { values: number[] }): number[] {
  return im.cases.map((v) => Math.round(s.values[v.index] ?? 0));
}

/**
 * The continuous relaxation (exact cost per SKU, fractional cases) gives the marginal value of space and
 * cash, and a rounded plan that solveModel can often certify against the relaxation's bound.
 */
async function relax(
  input: InventoryParsed,
  data: SkuData[],
  im: InventoryModel,
  options: { engine: InventoryParsed['engine']; timeLimit: number },
): Promise<{ shadow: { volume: number | null; cash: number | null }; incumbent: number[] | undefined }> {
  const relaxed: LinearModel = { ...im.model, variables: im.model.variables.map((v) => ({ ...v, kind: 'continuous' as const })) };
  const s = await solveModel(relaxed, options);
  const dual = (row: number | null): number | null => (row === null || !s.duals ? null : Math.max(0, -(s.duals[row] ?? 0)));
  const shadow = { volume: dual(im.rows.volume), cash: dual(im.rows.cash) };
  if (!s.values) return { shadow, incumbent: undefined };
  const values = s.values;
  const skus: HeuristicSku[] = data.map((d, i) => ({
    lines: im.costs[i]?.lines ?? [],
    caseVolume: d.sku.volumePerUnit * d.sku.casePack,
    caseCost: d.sku.unitCost * d.sku.casePack,
    minCases: d.sku.minCases,
    maxCases: d.maxCases,
    supplier: d.sku.supplier ?? null,
  }));
  const minOrder = new Map(input.suppliers.filter((sp) => im.supplierOpen.has(sp.id)).map((sp) => [sp.id, sp.minOrderValue]));
  const cases = roundAndFill(skus, { volume: input.capacity.volume ?? Infinity, cash: input.capacity.cash ?? Infinity, minOrder }, im.cases.map((v) => values[v.index] ?? 0));
  const incumbent = new Array<number>(im.model.variables.length).fill(0);
  im.cases.forEach((v, i) => (incumbent[v.index] = cases[i] ?? 0));
  im.costs.forEach((c, i) => (incumbent[c.v.index] = heuristicCostAt(c.lines, cases[i] ?? 0)));
  for (const [id, v] of im.supplierOpen) incumbent[v.index] = skus.some((k, i) => k.supplier === id && (cases[i] ?? 0) > 0) ? 1 : 0;
  return { shadow, incumbent };
}

export async function solveInventory(raw: InventoryInput): Promise<InventoryResult> {
  const input = parseInput(inventoryInputSchema, raw);
  const data = prepare(input);
  const options = { engine: input.engine, timeLimit: input.timeLimit, ...(input.mipGap === undefined ? {} : { mipGap: input.mipGap }) };
  const im = buildModel(input, data, (d) => d.demand);
  const { shadow, incumbent } = await relax(input, data, im, options);
  const solved = await solveModel(im.model, { ...options, ...(incumbent ? { incumbent } : {}) });
  if (!hasSolution(solved)) return failure(input, solved, await maybeDiagnose(im.model, solved, options));

  const cases = readCases(im, solved);
  const orders = data.map((d, i): InventoryOrder => {
    const n = cases[i] ?? 0;
    return {
      skuId: d.sku.id,
      name: d.sku.name,
      cases: n,
      units: n * d.sku.casePack,
      purchaseCost: n * d.sku.casePack * d.sku.unitCost,
      volume: n * d.sku.casePack * d.sku.volumePerUnit,
      expectedCost: expectedCost(d.policy, d.demand, n),
      coverProbability: coverProbability(d.policy, d.demand, n),
      unconstrainedCases: bestCases(d.policy, d.demand, d.sku.minCases, d.sku.maxCases ?? d.maxCases),
    };
  });
  const suppliers = input.suppliers.map((s) => {
    const orderValue = orders.filter((_, i) => data[i]?.sku.supplier === s.id).reduce((t, o) => t + o.purchaseCost, 0);
    return { id: s.id, used: orderValue > 0, orderValue, minOrderValue: s.minOrderValue };
  });

  let uncertainty: InventoryResult['uncertainty'];
  if (data.some((d) => d.uncertain)) {
    // The plan for the average is only a yardstick: a looser gap and a short budget keep it from doubling the solve time.
    const det = buildModel(input, data, (d) => pointScenario(scenarioMean(d.demand)));
    const detStart = (await relax(input, data, det, options)).incumbent;
    const detSolved = await solveModel(det.model, {
      ...options,
      mipGap: Math.max(options.mipGap ?? 0, YARDSTICK_GAP),
      timeLimit: Math.min(options.timeLimit, 2),
      ...(detStart ? { incumbent: detStart } : {}),
    });
    if (hasSolution(detSolved)) {
      const detCases = readCases(det, detSolved);
      const detExpected = data.reduce((t, d, i) => t + expectedCost(d.policy, d.demand, detCases[i] ?? 0), 0);
      uncertainty = {
        stochastic: { orders: orders.map((o) => ({ skuId: o.skuId, cases: o.cases })), expectedCost: solved.objective },
        deterministic: { orders: data.map((d, i) => ({ skuId: d.sku.id, cases: detCases[i] ?? 0 })), expectedCost: detExpected, plannedCost: detSolved.objective },
        valueOfStochasticSolution: detExpected - solved.objective,
      };
    }
  }

  const binding = bindingLimits(input, im, solved, shadow, data);
  const result: InventoryResult = {
    status: solved.status,
    objective: solved.objective,
    orders,
    suppliers,
    shadowPrices: shadow,
    binding,
    explanation: [],
    solver: solverInfo(solved),
    ...(uncertainty ? { uncertainty } : {}),
  };
  return { ...result, explanation: explainInventory(input, result) };
}

/** Space and cash count as binding when less than the smallest case of any SKU that wants more still fits, or their marginal value is positive. */
function bindingLimits(
  input: InventoryParsed,
  im: InventoryModel,
  solved: ModelSolution & { values: number[] },
  shadow: { volume: number | null; cash: number | null },
  data: SkuData[],
): BindingConstraint[] {
  const out: BindingConstraint[] = [];
  const check = (row: number | null, limit: number | undefined, price: number | null, perCase: (d: SkuData) => number): void => {
    if (row === null || limit === undefined) return;
    const spec = im.model.constraints[row];
    const used = solved.rowActivity?.[row] ?? 0;
    const slack = Math.max(0, limit - used);
    const smallest = Math.min(...data.map(perCase).filter((x) => x > 0));
    if ((price ?? 0) > 1e-9 || slack < smallest) out.push({ name: spec?.name ?? '', label: spec?.label ?? '', slack, shadowPrice: price });
  };
  check(im.rows.volume, input.capacity.volume, shadow.volume, (d) => d.sku.volumePerUnit * d.sku.casePack);
  check(im.rows.cash, input.capacity.cash, shadow.cash, (d) => d.sku.unitCost * d.sku.casePack);
  return out;
}

async function maybeDiagnose(model: LinearModel, s: ModelSolution, options: { timeLimit: number }): Promise<Diagnosis | undefined> {
  return s.status === 'infeasible' ? diagnoseInfeasibility(model, { timeLimit: options.timeLimit }) : undefined;
}

function failure(input: InventoryParsed, s: ModelSolution, diagnosis: Diagnosis | undefined): InventoryResult {
  const sentence = diagnosis?.summary ?? statusSentence(s) ?? 'No order plan was found.';
  return {
    status: s.status,
    objective: null,
    orders: [],
    suppliers: input.suppliers.map((sp) => ({ id: sp.id, used: false, orderValue: 0, minOrderValue: sp.minOrderValue })),
    shadowPrices: { volume: null, cash: null },
    binding: [],
    explanation: [sentence],
    ...(diagnosis ? { diagnosis } : {}),
    solver: solverInfo(s),
  };
}

/** Gap for the plan for the average (a comparison, not a decision). */
const YARDSTICK_GAP = 1e-3;

