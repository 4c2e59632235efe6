import type { Context } from 'hono';
import { HttpProblem, notFound, withTenant, type AppEnv, type Tx } from '@dyocense/core';
import type { SourceType } from '@dyocense/db';
import { openSourceCredentials, type SourceCredentials } from '../credentials';
import type { EffectPlan } from '../logic/effects';
import type { SignatureCheck } from '../logic/stripe-signature';
import { webhookSource, type WebhookSource } from '../store';
import { applyPlan, insertEvent, markApplied, preparePartitions, type IncomingEvent } from './apply';
import { readRawBody } from './body';

export interface Delivery {
  source: WebhookSource;
  credentials: SourceCredentials;
  raw: Uint8Array;
}

/**
 * The first steps of every webhook: find the source (404 if unknown or of another type),
 * read the raw body within the limit (413), open the stored secrets.
 */
export async function receive(c: Context<AppEnv>, sourceId: string, type: SourceType): Promise<Delivery> {
  const { db, config } = c.get('runtime');
  const source = await webhookSource(db, sourceId);
  if (!source || source.type !== type) throw notFound(`No ${type} data source with this id.`);
  const raw = await readRawBody(c.req.raw, config.WEBHOOK_BODY_LIMIT_BYTES);
  const credentials = await openSourceCredentials(config, source.tenantId, source);
  return { source, credentials, raw };
}

export function refuseUnsigned(check: SignatureCheck, secrets: readonly string[] | undefined): void {
  if (!secrets?.length) throw new HttpProblem(401, 'invalid-signature', 'No webhook secret is configured for this source, so no delivery can be verified.');
  if (!check.ok) throw new HttpProblem(401, 'invalid-signature', `Signature refused: ${check.reason}. Nothing was stored.`);
}

export const malformed = (detail: string) => new HttpProblem(400, 'malformed-payload', `The webhook body is malformed: ${detail}.`);

/**
 * Stores the event and applies its effect in one tenant transaction, so the event row and
 * the metric change commit together or not at all. A duplicate inserts nothing and applies
 * nothing. `act` runs instead of (or beside) the metric plan for events that act on data.
 */
export async function storeAndApply(
  c: Context<AppEnv>,
  event: IncomingEvent,
  plan: EffectPlan,
  act?: (tx: Tx, eventRowId: string) => Promise<Record<string, unknown>>,
): Promise<{ duplicate: boolean }> {
  const { db } = c.get('runtime');
  await preparePartitions(db, plan, event.provider);
  return withTenant(db, event.tenantId, async (tx) => {
    const rowId = await insertEvent(tx, event);
    if (!rowId) return { duplicate: true };
    const effect = await applyPlan(tx, event.tenantId, event.sourceId, event.provider, plan);
    const acted = act ? await act(tx, rowId) : {};
    await markApplied(tx, rowId, { ...effect, ...acted });
    return { duplicate: false };
  });
}
