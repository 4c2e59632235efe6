import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache';

describe('SessionCache', () => {
  it('remembers for its TTL only, forgets on delete, and stays bounded', () => {
    const cache = new SessionCache<string>(1000, 2);
    cache.set('a', 'A', 0);
    expect(cache.get('a', 999)).toBe('A');
    expect(cache.get('a', 1000)).toBeUndefined();
    cache.set('b', 'B', 0);
    cache.delete('b');
    expect(cache.get('b', 1)).toBeUndefined();
    cache.set('x', 'X', 0);
    cache.set('y', 'Y', 0);
    cache.set('z', 'Z', 0);
    expect(cache.get('x', 1)).toBeUndefined();
    expect(cache.get('z', 1)).toBe('Z');
  });

  it('stores nothing when switched off', () => {
    const cache = new SessionCache<string>(0);
    cache.set('a', 'A', 0);
    expect(cache.get('a', 0)).toBeUndefined();
  });
});
