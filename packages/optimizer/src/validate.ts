import type { z } from 'zod';
import { OptimizerInputError, type InputIssue } from './errors';

/** Parses `input` with `schema`, turning every zod issue into a field-path issue of one OptimizerInputError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: InputIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new OptimizerInputError(issues);
}
