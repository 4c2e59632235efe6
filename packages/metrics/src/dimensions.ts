/** Dimension names and values: short, printable, and safe to show in a chart legend. */
export const DIMENSION_NAME = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_DIMENSIONS = 8;
export const MAX_DIMENSION_VALUE = 200;

/**
 * The canonical text of a dimension set: keys sorted, `k=v` joined by `;` with `;`, `=` and
 * `\` escaped. Equal sets give equal keys, so a re-ingested point replaces itself.
 */
export function dimensionsKey(dimensions: Record<string, string>): string {
  const escape = (s: string) => s.replace(/[\\;=]/g, (c) => `\\${c}`);
  return Object.keys(dimensions)
    .sort()
    .map((k) => `${escape(k)}=${escape(dimensions[k]!)}`)
    .join(';');
}
