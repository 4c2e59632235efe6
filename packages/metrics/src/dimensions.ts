/** Dimension names and values: short, printable, and safe to show in a chart legend. */
export const DIMENSION_NAME = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_DIMENSIONS = 8;
export const MAX_DIMENSION_VALUE = 200;

const escapeKeyPart = (s: string) => (/[\\;=]/.test(s) ? s.replace(/[\\;=]/g, (c) => `\\${c}`) : s);

/**
 * The canonical text of a dimension set: keys sorted, `k=v` joined by `;` with `;`, `=` and
 * `\` escaped. Equal sets give equal keys, so a re-ingested point replaces itself.
 * (Called once per ingested point: a plain loop, no closures.)
 */
export function dimensionsKey(dimensions: Record<string, string>): string {
  const names = Object.keys(dimensions);
  if (names.length > 1) names.sort();
  let key = '';
  for (const name of names) key += `${key ? ';' : ''}${escapeKeyPart(name)}=${escapeKeyPart(dimensions[name]!)}`;
  return key;
}
