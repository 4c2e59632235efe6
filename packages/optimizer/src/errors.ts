/** One problem with the input: `path` is the dotted field path (`skus.3.demand`), `message` says what is wrong. */
export interface InputIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown before any solve when the input cannot describe a sensible problem
 * (negative demand, empty lists, impossible bounds, instances beyond the size limits).
 * The HTTP layer maps it to a 400 with `issues` as field errors.
 */
export class OptimizerInputError extends Error {
  readonly issues: readonly InputIssue[];
  constructor(issues: readonly InputIssue[]) {
    super(
      issues.length === 0
        ? 'invalid optimizer input'
        : issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
    );
    this.name = 'OptimizerInputError';
    this.issues = issues;
  }
}
