import type { RunRow } from './store';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function headline(row: RunRow): string | null {
  const explanation = (row.output as { explanation?: unknown } | null)?.explanation;
  if (Array.isArray(explanation) && typeof explanation[0] === 'string') return explanation[0];
  return row.error;
}

export function runSummary(row: RunRow) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    objective: row.objective,
    solver: row.solver,
    solveMs: row.solveMs,
    headline: headline(row),
    createdAt: row.createdAt.toISOString(),
    finishedAt: iso(row.finishedAt),
  };
}

export function runView(row: RunRow) {
  return {
    ...runSummary(row),
    jobId: row.jobId,
    mipGap: row.mipGap,
    proven: row.proven,
    error: row.error,
    input: row.input,
    solvedInput: row.solvedInput,
    notes: row.notes,
    result: row.output,
  };
}
