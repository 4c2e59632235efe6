import type { CriterionResult, Verdict } from './types';

const RANK: Record<Verdict, number> = { pass: 0, warn: 1, fail: 2 };

export function worstVerdict(verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((worst, v) => (RANK[v] > RANK[worst] ? v : worst), 'pass');
}

export interface Finding { verdict: Exclude<Verdict, 'pass'>; message: string }

/** One criterion's result: the pass message when nothing was found, else every finding, worst verdict. */
export function criterion(
  name: CriterionResult['criterion'],
  findings: Finding[],
  passMessage: string,
  evidence?: Record<string, number | string>,
): CriterionResult {
  const verdict = worstVerdict(findings.map((f) => f.verdict));
  const message = findings.length === 0 ? passMessage : findings.map((f) => f.message).join(' ');
  return evidence ? { criterion: name, verdict, message, evidence } : { criterion: name, verdict, message };
}
