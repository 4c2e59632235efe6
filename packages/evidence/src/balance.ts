export interface CovariateBalance {
  covariate: string;
  meanTreated: number;
  meanControlBefore: number;
  meanControlAfter: number;
  /** (treated mean − control mean) / SD of the treated group, as MatchIt's summary for the ATT. */
  smdBefore: number;
  smdAfter: number;
}

/** Standardised mean differences before and after weighting; |SMD| < 0.1 is the usual "balanced" bar. */
export function covariateBalance(name: string, values: readonly number[], treatment: readonly number[], weightsAfter: readonly number[]): CovariateBalance {
  const treated = values.filter((_, i) => treatment[i] === 1);
  const sdTreated = sampleSd(treated, isBinary(values));
  const meanTreated = mean(treated);
  const meanControlBefore = weightedMean(values, values.map((_, i) => (treatment[i] === 0 ? 1 : 0)));
  const meanTreatedAfter = weightedMean(values, values.map((_, i) => (treatment[i] === 1 ? (weightsAfter[i] as number) : 0)));
  const meanControlAfter = weightedMean(values, values.map((_, i) => (treatment[i] === 0 ? (weightsAfter[i] as number) : 0)));
  const scale = sdTreated > 0 ? sdTreated : 1;
  return {
    covariate: name, meanTreated, meanControlBefore, meanControlAfter,
    smdBefore: (meanTreated - meanControlBefore) / scale,
    smdAfter: (meanTreatedAfter - meanControlAfter) / scale,
  };
}

function isBinary(values: readonly number[]): boolean {
  return values.every((v) => v === 0 || v === 1);
}

/** Binary covariates use sqrt(p(1−p)), continuous ones the n−1 sample SD (MatchIt's convention). */
function sampleSd(values: readonly number[], binary: boolean): number {
  const m = mean(values);
  if (binary) return Math.sqrt(m * (1 - m));
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function weightedMean(values: readonly number[], weights: readonly number[]): number {
  let sw = 0;
  let s = 0;
  values.forEach((v, i) => {
    const w = weights[i] as number;
    sw += w;
    s += w * v;
  });
  return sw > 0 ? s / sw : Number.NaN;
}
