import type { CustomerRef } from './shopify-effects';

type Json = Record<string, unknown>;

export const REDACTED = '[redacted]';

/** Fields that name or locate a person wherever they appear. */
const PERSONAL_KEYS = new Set([
  'email', 'contact_email', 'phone', 'first_name', 'last_name', 'address1', 'address2', 'zip',
  'latitude', 'longitude', 'company', 'browser_ip', 'note', 'customer_locale',
]);
/** Objects that are about a person as a whole: every text inside goes, except ids. */
const PERSONAL_OBJECTS = new Set(['customer', 'billing_address', 'shipping_address', 'default_address', 'addresses', 'client_details']);
const KEEP = new Set(['id', 'admin_graphql_api_id', 'created_at', 'updated_at', 'orders_count', 'currency']);

function scrub(value: unknown, wholeObject: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => scrub(v, wholeObject));
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) {
    if (v === null || v === undefined) out[k] = v;
    else if (typeof v === 'object') out[k] = scrub(v, wholeObject || PERSONAL_OBJECTS.has(k));
    else if (PERSONAL_KEYS.has(k) || (wholeObject && !KEEP.has(k) && typeof v === 'string')) out[k] = REDACTED;
    else out[k] = v;
  }
  return out;
}

/** Whether a stored payload is about the customer: one of their orders, or naming them. */
export function concernsCustomer(payload: Json, topic: string, who: CustomerRef): boolean {
  const id = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  const customer = payload.customer as Json | undefined;
  if (who.id && id(customer?.id) === who.id) return true;
  if (who.orderIds.length) {
    const orderId = topic.startsWith('orders/') ? id(payload.id) : id(payload.order_id);
    if (orderId && who.orderIds.includes(orderId)) return true;
  }
  const email = who.email?.toLowerCase();
  return !!email && [payload.email, payload.contact_email, customer?.email].some((e) => typeof e === 'string' && e.toLowerCase() === email);
}

/** The payload with every personal field replaced; order ids, amounts and times stay. */
export function redactPayload(payload: Json): Json {
  return scrub(payload, false) as Json;
}

/** The personal data a stored payload holds about a customer, for a data request. */
export function personalDataOf(payload: Json): Json {
  const found: Json = {};
  for (const [k, v] of Object.entries(payload)) {
    if (v === null || v === undefined) continue;
    if (PERSONAL_OBJECTS.has(k) || PERSONAL_KEYS.has(k)) found[k] = v;
  }
  return found;
}
