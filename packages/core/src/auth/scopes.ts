import type { Role } from '@dyocense/db';

/** Roles from most to least powerful; a route asking for a role admits every role above it. */
export const roleRank: Record<Role, number> = { owner: 4, admin: 3, manager: 2, member: 1 };

export const atLeast = (role: Role, needed: Role) => roleRank[role] >= roleRank[needed];

/** Capability areas an API token can be limited to, each with read or write. */
export const scopeAreas = [
  'auth',
  'metrics',
  'goals',
  'connect',
  'forecast',
  'optimize',
  'evidence',
  'coach',
  'notify',
  'benchmarks',
] as const;
export type ScopeArea = (typeof scopeAreas)[number];
export type Scope = `${ScopeArea}:${'read' | 'write'}` | '*';

export const allScopes: Scope[] = ['*', ...scopeAreas.flatMap((a) => [`${a}:read`, `${a}:write`] as Scope[])];

/** A write scope implies read on the same area; '*' implies everything. */
export function grants(held: readonly string[], needed: Scope): boolean {
  if (held.includes('*') || held.includes(needed)) return true;
  const [area, access] = needed.split(':');
  return access === 'read' && held.includes(`${area}:write`);
}
