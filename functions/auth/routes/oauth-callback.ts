import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import * as oauth from 'oauth4webapi';
import { deleteCookie, getCookie } from 'hono/cookie';
import { HttpProblem, setSessionCookie, type AppEnv } from '@dyocense/core';
import { requestMeta } from '../meta';
import { identityFromGitHub, identityFromIdToken } from '../oauth/identity';
import { authorizationServer, providerFromConfig } from '../oauth/providers';
import { OAuthSignInError, signInWithProvider } from '../oauth/sign-in';
import { openFlowState } from '../oauth/state-cookie';
import { FLOW_COOKIE, FLOW_COOKIE_PATH, ProviderParam } from './oauth-start';

const route = createRoute({
  method: 'get',
  path: '/api/auth/oauth/{provider}/callback',
  tags: ['auth'],
  summary: 'Where the provider sends the browser back',
  description: 'On success: session cookie set, redirect to `/`. On any failure: redirect to `/login?error=<code>`.',
  request: { params: ProviderParam, query: z.object({ code: z.string().optional(), state: z.string().optional() }).passthrough() },
  responses: { 302: { description: 'Redirect into the portal' } },
});

export function registerOAuthCallback(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { provider: name } = c.req.valid('param');
    const { config, db, log } = c.get('runtime');
    const fail = (code: string, err?: unknown) => {
      log.warn('oauth sign-in failed', { provider: name, code, error: err instanceof Error ? err.message : undefined });
      return c.redirect(`/login?error=${code}`, 302);
    };
    const provider = providerFromConfig(config, name);
    if (!provider || !config.APP_SECRET) throw new HttpProblem(404, 'not-found', `Sign-in with ${name} is not configured here.`);
    const flow = openFlowState(config.APP_SECRET, getCookie(c, FLOW_COOKIE));
    deleteCookie(c, FLOW_COOKIE, { path: FLOW_COOKIE_PATH, secure: config.cookieSecure });
    if (!flow || flow.provider !== name) return fail('oauth_state');

    try {
      const as = await authorizationServer(provider);
      const insecure = { [oauth.allowInsecureRequests]: provider.insecure };
      const params = oauth.validateAuthResponse(as, provider.client, new URL(c.req.url), flow.state);
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        provider.client,
        oauth.ClientSecretPost(provider.clientSecret),
        params,
        `${config.publicUrl}/api/auth/oauth/${name}/callback`,
        flow.codeVerifier,
        insecure,
      );
      let identity;
      if (provider.protocol === 'oidc') {
        const tokens = await oauth.processAuthorizationCodeResponse(as, provider.client, response, { expectedNonce: flow.nonce, requireIdToken: true });
        identity = identityFromIdToken(provider, oauth.getValidatedIdTokenClaims(tokens)!);
      } else {
        const tokens = await oauth.processAuthorizationCodeResponse(as, provider.client, response);
        identity = await identityFromGitHub(provider, tokens.access_token);
      }
      const session = await signInWithProvider(db, name, identity, requestMeta(c));
      setSessionCookie(c, session.token, session.expiresAt);
      return c.redirect('/', 302);
    } catch (err) {
      if (err instanceof OAuthSignInError) return fail(err.code, err);
      if (err instanceof oauth.AuthorizationResponseError) return fail('oauth_denied', err);
      return fail('oauth_failed', err);
    }
  });
}
