import * as oauth from 'oauth4webapi';

/** Read access to the books: reports, accounts, transactions. */
export const QUICKBOOKS_SCOPE = 'com.intuit.quickbooks.accounting';

/** Intuit's OAuth 2.0 endpoints (from its discovery document); configurable for tests. */
export interface IntuitEndpoints {
  issuer: string;
  authorizationUrl: string;
  tokenUrl: string;
}

export interface IntuitApp {
  clientId: string;
  clientSecret: string;
}

export interface QuickbooksTokens {
  accessToken: string;
  refreshToken: string;
  /** ISO time the access token stops working (Intuit: one hour). */
  accessExpiresAt: string;
  /** ISO time the refresh token stops working (Intuit: about 100 days, rolling). */
  refreshExpiresAt: string | null;
}

/** The refresh token was revoked or expired (`invalid_grant`): only a new consent helps. */
export class TokenRevokedError extends Error {
  override name = 'TokenRevokedError';
}

const server = (e: IntuitEndpoints): oauth.AuthorizationServer => ({
  issuer: e.issuer,
  authorization_endpoint: e.authorizationUrl,
  token_endpoint: e.tokenUrl,
});

/** oauth4webapi refuses plain http; a local test server on http is the only exception. */
const transport = (e: IntuitEndpoints) => ({ [oauth.allowInsecureRequests]: new URL(e.tokenUrl).protocol === 'http:' });

export function quickbooksAuthorizeUrl(input: { endpoints: IntuitEndpoints; clientId: string; redirectUri: string; state: string }): string {
  const url = new URL(input.endpoints.authorizationUrl);
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', QUICKBOOKS_SCOPE);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('state', input.state);
  return url.href;
}

function tokensOf(t: oauth.TokenEndpointResponse, now: number, previousRefresh?: string): QuickbooksTokens {
  const refresh = t.refresh_token ?? previousRefresh;
  if (!refresh) throw new Error('Intuit returned no refresh token');
  const refreshSeconds = Number(t.x_refresh_token_expires_in);
  return {
    accessToken: t.access_token,
    refreshToken: refresh,
    accessExpiresAt: new Date(now + (t.expires_in ?? 3600) * 1000).toISOString(),
    refreshExpiresAt: Number.isFinite(refreshSeconds) && refreshSeconds > 0 ? new Date(now + refreshSeconds * 1000).toISOString() : null,
  };
}

const isInvalidGrant = (err: unknown) => err instanceof oauth.ResponseBodyError && err.error === 'invalid_grant';

/**
 * The callback: checks state (oauth4webapi), exchanges the code (client_secret_basic, as
 * Intuit requires) and keeps the company id Intuit passes beside the code as `realmId`.
 */
export async function exchangeQuickbooksCode(input: {
  endpoints: IntuitEndpoints;
  app: IntuitApp;
  callbackUrl: URL;
  expectedState: string;
  redirectUri: string;
  now?: number;
}): Promise<{ tokens: QuickbooksTokens; realmId: string }> {
  const as = server(input.endpoints);
  const client: oauth.Client = { client_id: input.app.clientId };
  const params = oauth.validateAuthResponse(as, client, input.callbackUrl, input.expectedState);
  const realmId = params.get('realmId');
  if (!realmId || !/^\d{1,32}$/.test(realmId)) throw new Error('the callback carries no valid realmId');
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.ClientSecretBasic(input.app.clientSecret),
    params,
    input.redirectUri,
    oauth.nopkce,
    transport(input.endpoints),
  );
  const t = await oauth.processAuthorizationCodeResponse(as, client, response);
  return { tokens: tokensOf(t, input.now ?? Date.now()), realmId };
}

/** Fresh tokens from the refresh token; TokenRevokedError when Intuit says invalid_grant. */
export async function refreshQuickbooksTokens(input: { endpoints: IntuitEndpoints; app: IntuitApp; refreshToken: string; now?: number }): Promise<QuickbooksTokens> {
  const as = server(input.endpoints);
  const client: oauth.Client = { client_id: input.app.clientId };
  try {
    const response = await oauth.refreshTokenGrantRequest(as, client, oauth.ClientSecretBasic(input.app.clientSecret), input.refreshToken, transport(input.endpoints));
    const t = await oauth.processRefreshTokenResponse(as, client, response);
    return tokensOf(t, input.now ?? Date.now(), input.refreshToken);
  } catch (err) {
    if (isInvalidGrant(err)) throw new TokenRevokedError('QuickBooks refused the refresh token (invalid_grant)');
    throw err;
  }
}

/** Refresh ahead of time, so a sync never starts with a token about to lapse. */
export function needsRefresh(tokens: QuickbooksTokens, now = Date.now(), marginMs = 5 * 60_000): boolean {
  return Date.parse(tokens.accessExpiresAt) - now <= marginMs;
}
