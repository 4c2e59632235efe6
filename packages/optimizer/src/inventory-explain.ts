import { money, percent, plural, qty } from './format';
import type { InventoryResult } from './inventory';
import type { InventoryParsed } from './inventory-schema';
import { statusSentence } from './result';

const MAX_ORDER_LINES = 8;

/** Plain-language reading of an order plan. */
export function explainInventory(input: InventoryParsed, r: InventoryResult): string[] {
  const cur = input.currency;
  const per = input.periodLabel;
  const lines: string[] = [];
  const status = statusSentence(r);
  if (status) lines.push(status);
  const volumeFull = r.binding.some((b) => b.name === 'volume');
  const cashFull = r.binding.some((b) => b.name === 'cash');
  const ordered = r.orders.filter((o) => o.cases > 0).sort((a, b) => b.purchaseCost - a.purchaseCost);
  let pricedSpace = false;
  for (const o of ordered.slice(0, MAX_ORDER_LINES)) {
    const held = o.cases < o.unconstrainedCases;
    const reasons: string[] = [];
    if (held && volumeFull) reasons.push(`the ${input.capacity.volumeLabel} is full`);
    if (held && cashFull) reasons.push('the cash budget is spent');
    // Price the space once, on the first SKU it holds back.
    const price = held && !pricedSpace && volumeFull && r.shadowPrices.volume ? `, and one more ${input.capacity.volumeUnit} of ${input.capacity.volumeLabel} would save about ${money(r.shadowPrices.volume, cur)}/${per}` : '';
    if (price) pricedSpace = true;
    const why = held
      ? `${reasons.join(' and ') || 'shared limits bind'} (it would take ${plural(o.unconstrainedCases, 'case')} otherwise)${price}`
      : `stock then covers demand with ${percent(o.coverProbability)} probability`;
    lines.push(`Order ${plural(o.cases, 'case')} (${qty(o.units)} units) of ${o.name}: ${why}.`);
  }
  if (ordered.length > MAX_ORDER_LINES) lines.push(`…and ${ordered.length - MAX_ORDER_LINES} more SKUs; ${r.orders.length - ordered.length} need no order.`);
  else if (ordered.length === 0) lines.push('Order nothing now: current stock covers expected demand at the lowest expected cost.');
  if (volumeFull && r.shadowPrices.volume) lines.push(`The ${input.capacity.volumeLabel} limits the plan: each extra ${input.capacity.volumeUnit} is worth about ${money(r.shadowPrices.volume, cur)}/${per}.`);
  if (cashFull && r.shadowPrices.cash) lines.push(`The cash budget limits the plan: each extra ${money(1, cur)} of budget would save about ${money(r.shadowPrices.cash, cur)}/${per}.`);
  for (const s of r.suppliers) {
    if (s.minOrderValue <= 0) continue;
    const name = input.suppliers.find((x) => x.id === s.id)?.name ?? s.id;
    lines.push(
      s.used
        ? `Order from ${name}: ${money(s.orderValue, cur)} meets its ${money(s.minOrderValue, cur)} minimum.`
        : `Skip ${name} this time: reaching its ${money(s.minOrderValue, cur)} minimum order would cost more than it saves.`,
    );
  }
  if (r.uncertainty) {
    const u = r.uncertainty;
    const vss = u.valueOfStochasticSolution;
    lines.push(
      vss > 1e-6
        ? `Planning for the forecast's range rather than its average lowers the expected cost from ${money(u.deterministic.expectedCost, cur)} to ${money(u.stochastic.expectedCost, cur)} per ${per} (a plan for the average looks like ${money(u.deterministic.plannedCost, cur)} on paper).`
        : `Uncertainty in the forecast does not change the plan's expected cost (${money(u.stochastic.expectedCost, cur)} per ${per}).`,
    );
  }
  lines.push(`Expected leftover and stock-out cost: ${money(r.objective ?? 0, cur)} per ${per}.`);
  return lines;
}
