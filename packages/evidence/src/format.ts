/** Number formatting for the plain-language summaries the coach phrases from. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return value.toExponential(2);
  return Number(value.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

export function fmtSigned(value: number, digits = 3): string {
  return value > 0 ? `+${fmt(value, digits)}` : fmt(value, digits);
}

export function fmtP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${fmt(p, 2)}`;
}

export function fmtInterval(ci: readonly [number, number], digits = 3): string {
  return `95% interval ${fmt(ci[0], digits)} to ${fmt(ci[1], digits)}`;
}

export function fmtPercent(fraction: number, digits = 3): string {
  return `${fmtSigned(fraction * 100, digits)}%`;
}
