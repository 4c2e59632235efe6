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
  JOBS_RETRY_BASE_MS: z.coerce.number().int().min(1).default(1000),
  COMPUTE_URL: optionalUrl,
  COMPUTE_TOKEN: z.string().min(16).optional(),
  QSTASH_URL: optionalUrl,
  QSTASH_TOKEN: z.string().optional(),
  QSTASH_CURRENT_SIGNING_KEY: z.string().optional(),
  QSTASH_NEXT_SIGNING_KEY: z.string().optional(),

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
