import * as oauth from 'oauth4webapi';
// Documented escape hatches of oauth4webapi for issuers that are templates (Microsoft's
// multi-tenant endpoint); exported at run time, absent from its type declarations.
const { _nodiscoverycheck, _expectedIssuer } = oauth as unknown as { _nodiscoverycheck: URL; _expectedIssuer: symbol };
import type { Config } from '@dyocense/core';

export const providerNames = ['google', 'github', 'microsoft'] as const;
export type ProviderName = (typeof providerNames)[number];

export interface Provider {
  name: ProviderName;
  /** OpenID Connect (Google, Microsoft) or GitHub's plain OAuth 2.0 + REST user API. */
  protocol: 'oidc' | 'github';
  client: oauth.Client;
  clientSecret: string;
  scope: string;
  issuer: URL;
  apiUrl?: string;
  /** Plain http is refused by oauth4webapi; allowed only for a local test provider. */
  insecure: boolean;
}

/** The provider as configured, or null when its client id/secret are not set. */
export function providerFromConfig(config: Config, name: ProviderName): Provider | null {
  const upper = name.toUpperCase() as 'GOOGLE' | 'GITHUB' | 'MICROSOFT';
  const clientId = config[`OAUTH_${upper}_CLIENT_ID`];
  const clientSecret = config[`OAUTH_${upper}_CLIENT_SECRET`];
  if (!clientId || !clientSecret) return null;
  const issuer = new URL(
    name === 'google' ? config.OAUTH_GOOGLE_ISSUER : name === 'microsoft' ? config.OAUTH_MICROSOFT_ISSUER : config.OAUTH_GITHUB_URL,
  );
  return {
    name,
    protocol: name === 'github' ? 'github' : 'oidc',
    client: { client_id: clientId },
    clientSecret,
    scope: name === 'github' ? 'read:user user:email' : 'openid email profile',
    issuer,
    apiUrl: name === 'github' ? config.OAUTH_GITHUB_API_URL.replace(/\/$/, '') : undefined,
    insecure: issuer.protocol === 'http:',
  };
}

const discovered = new Map<string, Promise<oauth.AuthorizationServer>>();

/**
 * The provider's authorization-server metadata: OIDC discovery (cached per process; it is
 * public and stable), or GitHub's fixed endpoints. Microsoft's multi-tenant "common" issuer
 * is a template: each ID token's issuer names the user's directory (tid).
 */
export function authorizationServer(p: Provider): Promise<oauth.AuthorizationServer> {
  if (p.protocol === 'github') {
    const base = p.issuer.href.replace(/\/$/, '');
    return Promise.resolve({
      issuer: base,
      authorization_endpoint: `${base}/login/oauth/authorize`,
      token_endpoint: `${base}/login/oauth/access_token`,
    });
  }
  const key = p.issuer.href;
  let cached = discovered.get(key);
  if (!cached) {
    cached = (async () => {
      const response = await oauth.discoveryRequest(p.issuer, { algorithm: 'oidc', [oauth.allowInsecureRequests]: p.insecure });
      if (p.name !== 'microsoft') return oauth.processDiscoveryResponse(p.issuer, response);
      const as = await oauth.processDiscoveryResponse(_nodiscoverycheck, response);
      return Object.assign(as, {
        [_expectedIssuer]: (result: { claims: { tid?: string } }) => as.issuer.replace('{tenantid}', result.claims.tid ?? ''),
      });
    })();
    cached.catch(() => discovered.delete(key));
    discovered.set(key, cached);
  }
  return cached;
}
