import { z } from 'zod';

export const BUDGET_LIMITS = { channels: 200, points: 50 } as const;

const nonneg = z.number().finite().nonnegative();

export const budgetInputSchema = z
  .object({
    totalBudget: nonneg,
    /** Spend the whole budget even where a channel returns less than it costs. */
    spendAll: z.boolean().default(false),
    /** 'profit' counts revenue × margin − spend; 'revenue' maximises revenue within the budget. */
    objective: z.enum(['revenue', 'profit']).default('profit'),
    channels: z
      .array(
        z.object({
          id: z.string().min(1).max(100),
          name: z.string().min(1).max(200),
          minSpend: nonneg.default(0),
          maxSpend: nonneg.optional(),
          /** Gross margin on the revenue a channel brings (for 'profit'). */
          margin: z.number().min(0).max(1).default(1),
          /**
           * Expected revenue at increasing spend levels, starting at spend 0; straight lines in between.
           * Returns must diminish: each extra dollar earns no more than the one before.
           */
          response: z
            .array(z.object({ spend: nonneg, revenue: nonneg }))
            .min(2, 'needs at least two points')
            .max(BUDGET_LIMITS.points),
        }),
      )
      .min(1, 'at least one channel is needed')
      .max(BUDGET_LIMITS.channels),
    currency: z.string().max(5).default('$'),
    timeLimit: z.number().positive().max(300).default(10),
    /** Relative MIP gap at which the plan counts as optimal (default 1e-4, HiGHS's own default). */
    mipGap: z.number().min(0).max(0.1).optional(),
    engine: z.enum(['auto', 'glpk', 'highs']).default('auto'),
  })
  .superRefine((input, ctx) => {
    const ids = new Set<string>();
    input.channels.forEach((c, i) => {
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['channels', i, 'id'], message: `duplicate channel id ${c.id}` });
      ids.add(c.id);
      if (c.maxSpend !== undefined && c.maxSpend < c.minSpend) {
        ctx.addIssue({ code: 'custom', path: ['channels', i, 'maxSpend'], message: `maxSpend ${c.maxSpend} is below minSpend ${c.minSpend}` });
      }
      const pts = c.response;
      if (pts[0] && pts[0].spend !== 0) ctx.addIssue({ code: 'custom', path: ['channels', i, 'response', 0, 'spend'], message: 'the curve must start at spend 0' });
      let lastSlope = Infinity;
      for (let k = 1; k < pts.length; k++) {
        const a = pts[k - 1];
        const b = pts[k];
        if (!a || !b) continue;
        if (b.spend <= a.spend) {
          ctx.addIssue({ code: 'custom', path: ['channels', i, 'response', k, 'spend'], message: 'spend levels must increase' });
          return;
        }
        const slope = (b.revenue - a.revenue) / (b.spend - a.spend);
        if (slope > lastSlope + 1e-9) {
          ctx.addIssue({
            code: 'custom',
            path: ['channels', i, 'response', k, 'revenue'],
            message: `returns must diminish: ${slope.toFixed(3)} per dollar here is more than ${lastSlope.toFixed(3)} before`,
          });
          return;
        }
        lastSlope = slope;
      }
      const top = pts[pts.length - 1]?.spend ?? 0;
      if (c.minSpend > top) ctx.addIssue({ code: 'custom', path: ['channels', i, 'minSpend'], message: `above the response curve's last spend level ${top}` });
    });
  });

export type BudgetInput = z.input<typeof budgetInputSchema>;
export type BudgetParsed = z.output<typeof budgetInputSchema>;
