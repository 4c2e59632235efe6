import { OptimizerInputError, type InputIssue } from './errors';
import type { LinearModel } from './model';
import { MODEL_LIMITS } from './model-schema';

/** Cheap structural check run before every solve; names the first problems by field path. */
export function checkModel(model: LinearModel): void {
  const issues: InputIssue[] = [];
  const add = (path: string, message: string): void => {
    if (issues.length < 20) issues.push({ path, message });
  };
  const n = model.variables.length;
  if (n > MODEL_LIMITS.variables) add('variables', `at most ${MODEL_LIMITS.variables} variables`);
  if (model.constraints.length > MODEL_LIMITS.constraints) add('constraints', `at most ${MODEL_LIMITS.constraints} constraints`);
  model.variables.forEach((v, i) => {
    if (Number.isNaN(v.lb) || Number.isNaN(v.ub)) add(`variables.${i}`, `bounds of ${v.name} are not numbers`);
    else if (v.lb > v.ub) add(`variables.${i}`, `lower bound ${v.lb} of ${v.name} exceeds its upper bound ${v.ub}`);
    else if (v.lb === Infinity || v.ub === -Infinity) add(`variables.${i}`, `bounds of ${v.name} leave no value`);
  });
  let nonzeros = 0;
  const checkTerms = (path: string, terms: LinearModel['objective']['terms']): void => {
    terms.forEach((t, j) => {
      if (!Number.isInteger(t.v) || t.v < 0 || t.v >= n) add(`${path}.terms.${j}.v`, `no variable ${t.v}`);
      if (!Number.isFinite(t.c)) add(`${path}.terms.${j}.c`, 'coefficient must be a finite number');
    });
    nonzeros += terms.length;
  };
  model.constraints.forEach((row, i) => {
    if (Number.isNaN(row.lb) || Number.isNaN(row.ub)) add(`constraints.${i}`, `bounds of ${row.name} are not numbers`);
    else if (row.lb > row.ub) add(`constraints.${i}`, `lower bound ${row.lb} of ${row.name} exceeds its upper bound ${row.ub}`);
    checkTerms(`constraints.${i}`, row.terms);
  });
  checkTerms('objective', model.objective.terms);
  if (!Number.isFinite(model.objective.constant)) add('objective.constant', 'must be a finite number');
  if (nonzeros > MODEL_LIMITS.nonzeros) add('constraints', `at most ${MODEL_LIMITS.nonzeros} coefficients`);
  if (issues.length > 0) throw new OptimizerInputError(issues);
}
