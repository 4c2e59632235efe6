// Budget input from the request and the saved channels; the total budget, when neither gives it,
// is what the tenant spent over the last period.
import { addDays } from '../logic/dates';
import { mergeById, strip } from '../logic/merge';
import type { BudgetRequest, BudgetSettings } from '../requests';
import { dailySeries } from '../reads';
import { missingData, missingInput, type FillContext } from './context';

const DEFAULT_PERIOD_DAYS = 30;

export async function fillBudget(ctx: FillContext, req: BudgetRequest, saved: BudgetSettings | null): Promise<Record<string, unknown>> {
  const channels = mergeById(saved?.channels ?? [], req.channels).map((c) => ({ ...c, name: c.name ?? c.id }));
  if (channels.length === 0) {
    throw missingInput('No channels were given and none are saved: send channels, or save them with PUT /api/optimize/constraints/budget.', [{ path: 'channels', message: 'required (nothing saved)' }]);
  }
  let totalBudget = req.totalBudget ?? saved?.totalBudget;
  if (totalBudget === undefined) {
    const metric = saved?.spendMetric ?? 'marketing_spend';
    const periodDays = saved?.periodDays ?? DEFAULT_PERIOD_DAYS;
    const spend = await dailySeries(ctx.tx, metric, undefined, addDays(ctx.today, -periodDays), ctx.today);
    if (spend.length === 0) {
      throw missingData(`No totalBudget was given or saved, and there is no ${metric} in the last ${periodDays} days to base it on.`, [{ path: 'totalBudget', message: 'required (no spend history)' }]);
    }
    totalBudget = Math.round(spend.reduce((s, p) => s + p.value, 0) * 100) / 100;
    ctx.notes.push(`Total budget: ${metric} over the last ${periodDays} days (${spend[0]!.date} to ${spend.at(-1)!.date}).`);
  }
  return strip({
    totalBudget,
    channels,
    objective: req.objective ?? saved?.objective,
    spendAll: req.spendAll ?? saved?.spendAll,
    currency: req.currency ?? saved?.currency,
    timeLimit: req.timeLimit,
    mipGap: req.mipGap,
    engine: req.engine,
  });
}
