import { z } from '@hono/zod-openapi';
import { roles } from '@dyocense/db';
import { allScopes } from '@dyocense/core';

export const Email = z.email().max(254).transform((s) => s.trim().toLowerCase()).openapi({ example: 'owner@cafe.example' });
export const Password = z.string().min(1).max(256).openapi({ example: 'correct horse battery staple', format: 'password' });
export const RoleSchema = z.enum(roles).openapi('Role');

export const UserView = z.object({ id: z.uuid(), email: z.string(), name: z.string() }).openapi('User');
export const TenantView = z.object({ id: z.uuid(), name: z.string() }).openapi('Tenant');

export const SessionView = z
  .object({
    user: UserView,
    tenant: TenantView,
    role: RoleSchema,
    via: z.enum(['session', 'token']).optional(),
    scopes: z.array(z.string()).optional(),
  })
  .openapi('Session');

export const SignupBody = z
  .object({
    email: Email,
    password: Password,
    name: z.string().trim().min(1).max(100).openapi({ example: 'Ada Baker' }),
    businessName: z.string().trim().min(1).max(120).openapi({ example: 'Corner Café' }),
  })
  .openapi('SignupRequest');

export const LoginBody = z.object({ email: Email, password: Password }).openapi('LoginRequest');

export const MemberView = z
  .object({ user: UserView, role: RoleSchema, joinedAt: z.iso.datetime() })
  .openapi('Member');

export const InviteBody = z.object({ email: Email, role: RoleSchema.default('member') }).openapi('InviteRequest');
export const InviteView = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: RoleSchema,
    expiresAt: z.iso.datetime(),
    /** Shown once: the link to send to the invitee. */
    token: z.string(),
    acceptUrl: z.string(),
  })
  .openapi('Invitation');

export const AcceptInviteBody = z
  .object({
    token: z.string().min(10).max(100),
    name: z.string().trim().min(1).max(100).optional(),
    password: Password.optional(),
  })
  .openapi('AcceptInvitationRequest');

export const UserIdParam = z.object({ userId: z.uuid().openapi({ param: { name: 'userId', in: 'path' } }) });
export const ChangeRoleBody = z.object({ role: RoleSchema }).openapi('ChangeRoleRequest');

export const ScopeSchema = z.enum(allScopes as [string, ...string[]]);
export const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: 'nightly export' }),
    scopes: z.array(ScopeSchema).min(1).max(40),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .openapi('CreateApiTokenRequest');

export const TokenView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.string()),
    userId: z.uuid(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .openapi('ApiToken');

export const CreatedTokenView = TokenView.extend({ token: z.string().openapi({ description: 'Shown once; store it now.' }) }).openapi('CreatedApiToken');
export const TokenIdParam = z.object({ tokenId: z.uuid().openapi({ param: { name: 'tokenId', in: 'path' } }) });

export const AuditEntryView = z
  .object({
    id: z.number().int(),
    action: z.string(),
    actorUserId: z.uuid().nullable(),
    target: z.string().nullable(),
    ip: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    at: z.iso.datetime(),
  })
  .openapi('AuditEntry');
