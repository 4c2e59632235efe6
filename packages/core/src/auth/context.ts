import type { Role } from '@dyocense/db';

/** Who a request acts for, resolved from a session cookie or an API token. */
export interface AuthContext {
  via: 'session' | 'token';
  userId: string;
  tenantId: string;
  role: Role;
  /** '*' for sessions; the token's own list for API tokens. */
  scopes: string[];
  sessionId?: string;
  tokenId?: string;
  user: { id: string; email: string; name: string };
  tenant: { id: string; name: string };
}
