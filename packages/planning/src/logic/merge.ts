/**
 * Saved items overlaid by the request's: with no request list, every saved item; with one, exactly
 * the requested items in the requested order, each laid over the saved item with its id (request
 * fields win; fields the request leaves out come from the saved item).
 */
export function mergeById<T extends { id: string }>(saved: readonly T[], given: readonly T[] | undefined): T[] {
  if (!given) return saved.map((s) => ({ ...s }));
  const byId = new Map(saved.map((s) => [s.id, s]));
  return given.map((g) => ({ ...byId.get(g.id), ...dropUndefined(g) }) as T);
}

/** Fields explicitly set to undefined must not erase saved values. */
function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The saved object overlaid by the given one (undefined fields of the given object keep the saved values). */
export function overlay<T extends object>(saved: T | undefined, given: T | undefined): T | undefined {
  if (!saved) return given;
  if (!given) return saved;
  return { ...saved, ...dropUndefined(given) };
}

/** Leaves absent fields out, so the engine's defaults apply. */
export function strip(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
