import { auditLog } from '@dyocense/db';
import type { Tx } from './db/types';

export interface AuditEntry {
  tenantId: string;
  actorUserId?: string | null;
  /** A dotted verb, e.g. `auth.login`, `member.role_changed`, `api_token.revoked`. */
  action: string;
  target?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log in the caller's transaction, so the entry and the act commit together. */
export async function audit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: entry.tenantId,
    actorUserId: entry.actorUserId ?? null,
    action: entry.action,
    target: entry.target ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? {},
  });
}
