// The edge-safe surface of @dyocense/core. Node-only pieces (PGlite, migrations, the
// worker-thread pool) are in '@dyocense/core/node'.
export { loadConfig, ConfigError, type Config } from './config';
export * from './errors';
export { createLogger, type Logger, type LogLevel } from './log';
export type { Runtime } from './runtime';
export type { Database, Drizzle, Tx, DatabaseKind } from './db/types';
export { rowsOf, executeRows } from './db/types';
export { openPostgres, type PostgresOptions } from './db/postgres';
export { withTenant, enterTenant, TenancyError } from './tenancy';
export { audit, type AuditEntry } from './audit';
export { sealSecret, openSecret, sealCredentials, openCredentials, needsReseal, keyringFromKeys, connectorKeyring, SecretError, type Sealed, type SecretKeyring } from './crypto/secrets';
export { hitRateLimit, peekRateLimit, clearRateLimit, type RateDecision } from './rate-limit';

export type { AuthContext } from './auth/context';
export { generateToken, generateApiToken, hashToken, API_TOKEN_PREFIX } from './auth/tokens';
export { hashPassword, verifyPassword, verifyAgainstDecoy, needsRehash, passwordProblem, scryptParams } from './auth/password';
export { createSession, resolveSession, deleteSession } from './auth/sessions';
export { resolveApiToken } from './auth/api-tokens';
export { roleRank, atLeast, grants, allScopes, scopeAreas, type Scope, type ScopeArea } from './auth/scopes';

export type { AppEnv } from './http/env';
export { createFunction, type FunctionOptions } from './http/create-function';
export { requireAuth, authOf, type AuthRequirement } from './http/require-auth';
export { rateLimit, type RateLimitRule } from './http/rate-limit';
export { setSessionCookie, clearSessionCookie, clientIp } from './http/cookies';
export { problemResponse, fieldErrorsOf } from './http/problems';
export { ProblemSchema, problemResponses, problems, authenticated } from './http/openapi';
export { requestContext } from './http/request-context';

export type { JobDispatcher, JobView, SubmitOptions } from './jobs/types';
export { pgErrorCode, isUniqueViolation, isInsufficientPrivilege } from './db/errors';
export { createHost, openApiInfo, type HostedFunction } from './host';
export { createDispatcher, type DispatcherOptions } from './jobs/dispatcher';
export { executeJob, directRunner, type JobRunner, type ExecutorDeps, type ExecutionOutcome } from './jobs/execute';
export { defineJobKind, createRegistry, type JobKind, type JobContext, type JobRegistry } from './jobs/registry';
export { qstashPublisher, qstashReceiver } from './jobs/qstash';
