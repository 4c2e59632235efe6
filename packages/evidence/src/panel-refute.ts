import { refute, type Estimate, type RefutationReport, type RefuteOptions } from './refute';
import { normalDraw, shuffled } from './random';
import { EvidenceInputError } from './errors';
import type { PanelObservation } from './panel';

/** A panel observation with its extra regressors attached, so perturbations keep them aligned. */
export type PanelRow = PanelObservation & { extra: number[] };

export function attachCovariates(observations: readonly PanelObservation[], covariates: Record<string, number[]> = {}): PanelRow[] {
  const columns = Object.entries(covariates);
  for (const [name, values] of columns) {
    if (!Array.isArray(values) || values.length !== observations.length) throw new EvidenceInputError(`covariates.${name}`, `needs one value per observation (${observations.length})`);
    if (!values.every(Number.isFinite)) throw new EvidenceInputError(`covariates.${name}`, 'has a non-finite value');
  }
  return observations.map((o, i) => ({ ...o, treated: Boolean(o.treated), extra: columns.map(([, values]) => values[i] as number) }));
}

/**
 * Refutations for panel estimators: fake earlier action dates on pre-action data only, a random
 * time-varying covariate, and random 80% subsets of the observations.
 */
export function refutePanel(rows: PanelRow[], actionTime: number, estimate: (rows: PanelRow[], actionTime: number) => Estimate, original: Estimate, opts: RefuteOptions = {}): RefutationReport {
  const before = rows.filter((o) => o.time < actionTime);
  const preTimes = [...new Set(before.map((o) => o.time))].sort((a, b) => a - b);
  return refute<{ rows: PanelRow[]; actionTime: number }>(
    { rows, actionTime },
    (d) => estimate(d.rows, d.actionTime),
    original,
    {
      placebo: preTimes.length >= 4 ? (_, random) => {
        const candidates = preTimes.slice(2, -1);
        return { rows: before, actionTime: candidates[Math.floor(random() * candidates.length)] as number };
      } : undefined,
      commonCause: (d, random) => ({ ...d, rows: d.rows.map((o) => ({ ...o, extra: [...o.extra, normalDraw(random)] })) }),
      subset: (d, random) => ({ ...d, rows: shuffled(d.rows, random).slice(0, Math.round(d.rows.length * 0.8)) }),
    },
    { placeboRule: 'near-zero', placeboRuns: 8, commonCauseRuns: 3, subsetRuns: 8, ...opts },
  );
}
