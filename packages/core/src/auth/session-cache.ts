/**
 * A tiny per-process memory of resolved sessions, so a burst of requests with one cookie
 * costs one database lookup, not one each. Entries live for `ttlMs` (default 1 s, 0 turns
 * it off): a session ended elsewhere (logout in another process, member removed) stops
 * working within that time; in this process logout evicts at once. Nothing depends on it:
 * losing it only costs a lookup.
 */
export class SessionCache<T> {
  readonly #entries = new Map<string, { value: T; until: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(ttlMs: number, maxEntries = 10_000) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  get(key: string, now = Date.now()): T | undefined {
    const hit = this.#entries.get(key);
    if (!hit) return undefined;
    if (hit.until > now) return hit.value;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, value: T, now = Date.now()): void {
    if (this.#ttlMs <= 0) return;
    if (this.#entries.size >= this.#maxEntries) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, until: now + this.#ttlMs });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}
