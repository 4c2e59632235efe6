import { logisticRegression } from './logistic';
import { column } from './validate';

/** Propensity scores P(treated | covariates) from a logit model, as R's glm(binomial) fits them. */
export function propensityScores(rows: readonly Record<string, number>[], treatment: readonly number[], covariates: readonly string[]): number[] {
  const cols = covariates.map((c) => column(rows, c));
  const X = treatment.map((_, i) => cols.map((c) => c[i] as number));
  return logisticRegression(X, treatment.slice(), { names: covariates.slice() }).probabilities;
}
