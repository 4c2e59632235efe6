import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalUrl = z.url().optional();

/**
 * Everything Dyocense reads from its environment, validated once. The defaults run the
 * whole product on one laptop: embedded PGlite under ./.dyocense, jobs on local worker
 * threads, no model, no mail server.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** Node processes serving HTTP (cluster); more than one needs DATABASE_URL (PGlite is single-process). */
  SERVER_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** Where people reach the portal; its origin is the one CSRF checks accept. */
  PUBLIC_URL: optionalUrl,
  /** Extra origins allowed to make cookie-authenticated requests (comma-separated). */
  ALLOWED_ORIGINS: z.string().default(''),

  /** A server PostgreSQL (migrations run as this user). Unset: embedded PGlite. */
  DATABASE_URL: optionalUrl,
  /** How the app connects; defaults to DATABASE_URL switched to APP_DB_ROLE. */
  APP_DATABASE_URL: optionalUrl,
  APP_DB_ROLE: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('dyocense_app'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().default('./.dyocense'),

  /** Secret for signing short-lived cookies (OAuth state) and encrypting credentials. */
  APP_SECRET: z.string().min(32).optional(),
  SESSION_COOKIE: z.string().default('dyocense_session'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How long a resolved session is remembered in-process (0: ask the database every time). */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** Secure cookies need HTTPS; off only for plain-http local use. */
  COOKIE_SECURE: flag.optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),

  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  SIGNUP_MAX_PER_IP: z.coerce.number().int().min(1).default(20),

  /** inline: worker threads in this process; http: POST to COMPUTE_URL; qstash: publish. */
  JOBS_TRANSPORT: z.enum(['inline', 'http', 'qstash']).default('inline'),
  JOBS_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** Threads kept loaded with the engines: loading them takes seconds, which a first forecast should not wait for. */
  JOBS_WARM_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  JOBS_RETRY_BASE_MS: z.coerce.number().int().min(1).default(1000),
  COMPUTE_URL: optionalUrl,
  COMPUTE_TOKEN: z.string().min(16).optional(),
  QSTASH_URL: optionalUrl,
  QSTASH_TOKEN: z.string().optional(),
  QSTASH_CURRENT_SIGNING_KEY: z.string().optional(),
  QSTASH_NEXT_SIGNING_KEY: z.string().optional(),

  /** Seals connector credentials (AES-256-GCM): 32 bytes, base64. Unset outside production: derived from APP_SECRET. */
  CONNECTOR_KEY: z.string().optional(),
  /** Keys that sealed older credentials, comma-separated base64; they still open, never seal. */
  CONNECTOR_OLD_KEYS: z.string().default(''),
  /** Stripe's API (test-connection); a local server in tests. */
  STRIPE_API_BASE: z.url().default('https://api.stripe.com'),
  /** A shop's Admin API origin; `{shop}` is replaced by the shop domain. A local server in tests. */
  SHOPIFY_ADMIN_ORIGIN: z.string().default('https://{shop}'),
  SHOPIFY_API_VERSION: z.string().regex(/^\d{4}-\d{2}$/).default('2025-07'),
  /** Largest webhook body accepted; anything longer is refused with 413 before it is read whole. */
  WEBHOOK_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),

  /** The Shopify app's credentials (install OAuth, callback HMAC). Unset: Shopify connect is off. */
  SHOPIFY_API_KEY: z.string().optional(),
  SHOPIFY_API_SECRET: z.string().optional(),
  /** The app's previous client secret while it is being rotated: webhooks signed with it still verify. */
  SHOPIFY_API_SECRET_PREVIOUS: z.string().optional(),
  /** The QuickBooks (Intuit) app's credentials. Unset: QuickBooks connect is off. */
  INTUIT_CLIENT_ID: z.string().optional(),
  INTUIT_CLIENT_SECRET: z.string().optional(),
  /** Intuit's OAuth 2.0 endpoints (from its discovery document) and the Accounting API; local servers in tests. */
  INTUIT_ISSUER: z.url().default('https://oauth.platform.intuit.com/op/v1'),
  INTUIT_AUTHORIZATION_URL: z.url().default('https://appcenter.intuit.com/connect/oauth2'),
  INTUIT_TOKEN_URL: z.url().default('https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer'),
  QUICKBOOKS_API_BASE: z.url().default('https://quickbooks.api.intuit.com'),
  /** Provider calls during a sync: attempts per request and the first backoff (doubling) for 5xx and network errors. */
  CONNECTOR_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  CONNECTOR_RETRY_BASE_MS: z.coerce.number().int().min(1).default(500),

  OAUTH_GOOGLE_CLIENT_ID: z.string().optional(),
  OAUTH_GOOGLE_CLIENT_SECRET: z.string().optional(),
  OAUTH_GOOGLE_ISSUER: z.url().default('https://accounts.google.com'),
  OAUTH_MICROSOFT_CLIENT_ID: z.string().optional(),
  OAUTH_MICROSOFT_CLIENT_SECRET: z.string().optional(),
  OAUTH_MICROSOFT_ISSUER: z.url().default('https://login.microsoftonline.com/common/v2.0'),
  OAUTH_GITHUB_CLIENT_ID: z.string().optional(),
  OAUTH_GITHUB_CLIENT_SECRET: z.string().optional(),
  OAUTH_GITHUB_URL: z.url().default('https://github.com'),
  OAUTH_GITHUB_API_URL: z.url().default('https://api.github.com'),

  /** The coach's models. None configured (the default): answers come from the deterministic composer. */
  LLM_LOCAL_URL: optionalUrl,
  LLM_LOCAL_MODEL: z.string().min(1).default('llama3:8b'),
  LLM_CLOUD_URL: optionalUrl,
  LLM_CLOUD_KEY: z.string().min(1).optional(),
  LLM_CLOUD_MODEL: z.string().min(1).default('gpt-4o-mini'),
  /** Questions scoring at or above this complexity (0–1) try the cloud model first. */
  LLM_CLOUD_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
  /** One model call may take this long before the next provider is tried. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  /** Cloud spend per tenant per UTC day (USD); past it only the local model and the composer answer. */
  LLM_DAILY_BUDGET_USD: z.coerce.number().min(0).default(1),
  LLM_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(86_400),
  /** An embedding model (on the local server if set, else the cloud one) giving 384 dimensions; unset: hashed n-grams. */
  LLM_EMBED_MODEL: z.string().min(1).optional(),
});

export type Config = z.infer<typeof configSchema> & {
  /** The origin CSRF checks accept, from PUBLIC_URL or HOST:PORT. */
  publicUrl: string;
  allowedOrigins: string[];
  cookieSecure: boolean;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration from an environment (process.env on Node, bindings on Workers). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://${c.HOST === '0.0.0.0' ? 'localhost' : c.HOST}:${c.PORT}`).replace(/\/$/, '');
  const extra = c.ALLOWED_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean);
  const allowedOrigins = [...new Set([new URL(publicUrl).origin, ...extra.map((o) => new URL(o).origin)])];
  // Browsers accept Secure cookies from http://localhost, so Secure stays on unless switched off.
  const cookieSecure = c.COOKIE_SECURE ?? true;
  if (c.NODE_ENV === 'production' && !c.APP_SECRET) {
    throw new ConfigError('invalid configuration:\n  APP_SECRET: required in production (32+ characters)');
  }
  return { ...c, publicUrl, allowedOrigins, cookieSecure };
}
