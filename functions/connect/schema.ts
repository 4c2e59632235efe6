import { z } from '@hono/zod-openapi';
import { ProblemSchema } from '@dyocense/core';
import { sourceStatuses, sourceTypes } from '@dyocense/db';

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, description: 'The data source id.' }) });
export const SourceIdParam = z.object({ sourceId: z.uuid().openapi({ param: { name: 'sourceId', in: 'path' }, description: 'The data source the webhook was registered for.' }) });

const Secret = z.string().trim().min(8).max(500);

/**
 * Credentials are write-only: accepted here, sealed at rest, never returned or logged. For
 * Stripe, `webhookSecrets` are endpoint signing secrets (whsec_…); for Shopify, the app's
 * client secret(s). Give two while rotating: the new one first, then the old.
 */
export const CredentialsBody = z
  .object({
    apiKey: Secret.optional().openapi({ description: 'Stripe secret or restricted key (sk_… / rk_…).' }),
    accessToken: Secret.optional().openapi({ description: 'Shopify Admin API access token (offline).' }),
    webhookSecrets: z.array(Secret).min(1).max(5).optional().openapi({ description: 'Secrets webhook signatures are checked against; any one may match.' }),
  })
  .strict()
  .openapi('SourceCredentials');
export type CredentialsInput = z.infer<typeof CredentialsBody>;

const ShopDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,60}\.myshopify\.com$/, 'a shop domain like example.myshopify.com');

const Name = z.string().trim().min(1).max(120);

export const SourceCreateBody = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('stripe'), name: Name, externalAccountId: z.string().regex(/^acct_[A-Za-z0-9]{1,60}$/, 'a Stripe account id (acct_…)').optional(), credentials: CredentialsBody.optional() }),
    z.object({ type: z.literal('shopify'), name: Name, externalAccountId: ShopDomain, credentials: CredentialsBody.optional() }),
    z.object({ type: z.literal('quickbooks'), name: Name, externalAccountId: z.string().regex(/^\d{1,32}$/, 'a QuickBooks realmId').optional(), credentials: CredentialsBody.optional() }),
    z.object({ type: z.literal('csv'), name: Name }),
  ])
  .openapi('SourceCreate');
export type SourceCreateInput = z.infer<typeof SourceCreateBody>;

export const SourceUpdateBody = z
  .object({
    name: Name.optional(),
    credentials: CredentialsBody.optional().openapi({ description: 'Only the fields given are replaced; the others stay as they were.' }),
  })
  .strict()
  .refine((b) => b.name !== undefined || b.credentials !== undefined, { message: 'give name or credentials' })
  .openapi('SourceUpdate');

export const SourceView = z
  .object({
    id: z.uuid(),
    type: z.enum(sourceTypes),
    name: z.string(),
    status: z.enum(sourceStatuses),
    externalAccountId: z.string().nullable().openapi({ description: 'Shop domain, QuickBooks realmId or Stripe account id.' }),
    hasCredentials: z.boolean().openapi({ description: 'Whether credentials are stored. They are never returned.' }),
    syncCursor: z.record(z.string(), z.unknown()).nullable(),
    lastSyncAt: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('DataSource');

export const SourceListView = z.object({ sources: z.array(SourceView) }).openapi('DataSourceList');

export const TestResultView = z
  .object({
    ok: z.boolean(),
    detail: z.string().openapi({ description: 'What the provider answered, in a sentence.' }),
    account: z.string().nullable().openapi({ description: 'The account the credentials reach (Stripe account id, shop domain).' }),
    latencyMs: z.number(),
  })
  .openapi('ConnectionTest');

export const SyncLogView = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    status: z.enum(['running', 'succeeded', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    recordsIn: z.number().int(),
    recordsOut: z.number().int(),
    recordsSkipped: z.number().int(),
    durationMs: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .openapi('SyncLog');

export const EventView = z
  .object({
    id: z.uuid(),
    provider: z.enum(sourceTypes),
    eventId: z.string(),
    topic: z.string(),
    receivedAt: z.string(),
    appliedAt: z.string().nullable(),
    effect: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'What the event changed: metric deltas applied, or the compliance act performed.' }),
  })
  .openapi('WebhookEvent');

export const LimitQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

export const WebhookAck = z
  .object({
    received: z.literal(true),
    duplicate: z.boolean().openapi({ description: 'True when this event was already received; nothing was applied again.' }),
    sources: z.number().int().optional().openapi({ description: 'App-level deliveries: how many data sources of the shop received it.' }),
  })
  .openapi('WebhookAck');

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
export const webhookProblems = {
  400: problem('Malformed body or missing headers'),
  401: problem('Signature missing, wrong, or outside the time tolerance; nothing was stored'),
  404: problem('No such data source'),
  409: problem('The source is of another type, or does not accept webhooks now'),
  413: problem('Body larger than WEBHOOK_BODY_LIMIT_BYTES'),
} as const;
