// Pricing input from the request and the saved product list, capacity, ladders and groups.
import { mergeById, strip } from '../logic/merge';
import type { PricingRequest, PricingSettings } from '../requests';
import { missingInput, type FillContext } from './context';

export async function fillPricing(_ctx: FillContext, req: PricingRequest, saved: PricingSettings | null): Promise<Record<string, unknown>> {
  const products = mergeById(saved?.products ?? [], req.products).map((p) => ({ ...p, name: p.name ?? p.id }));
  if (products.length === 0) {
    throw missingInput('No products were given and none are saved: send products, or save them with PUT /api/optimize/constraints/pricing.', [{ path: 'products', message: 'required (nothing saved)' }]);
  }
  const ids = new Set(products.map((p) => p.id));
  // Saved ladders and groups only where all their products are in this plan.
  const ladders = req.ladders ?? saved?.ladders?.filter((l) => ids.has(l.lower) && ids.has(l.higher));
  const samePrice = req.samePrice ?? saved?.samePrice?.map((g) => g.filter((id) => ids.has(id))).filter((g) => g.length >= 2);
  return strip({
    products,
    capacity: req.capacity ?? saved?.capacity,
    ladders,
    samePrice,
    currency: req.currency ?? saved?.currency,
    timeLimit: req.timeLimit,
    mipGap: req.mipGap,
    engine: req.engine,
  });
}
