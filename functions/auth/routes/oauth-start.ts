import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import * as oauth from 'oauth4webapi';
import { setCookie } from 'hono/cookie';
import { HttpProblem, problems, rateLimit, type AppEnv } from '@dyocense/core';
import { authorizationServer, providerFromConfig, providerNames } from '../oauth/providers';
import { sealFlowState } from '../oauth/state-cookie';

export const FLOW_COOKIE = 'dyocense_oauth';
export const FLOW_COOKIE_PATH = '/api/auth/oauth';
const FLOW_SECONDS = 600;

export const ProviderParam = z.object({ provider: z.enum(providerNames).openapi({ param: { name: 'provider', in: 'path' } }) });

const route = createRoute({
  method: 'get',
  path: '/api/auth/oauth/{provider}/start',
  tags: ['auth'],
  summary: 'Sign in with Google, GitHub or Microsoft (redirects to the provider)',
  description: 'Authorization code flow with PKCE (S256), state and, for OpenID Connect providers, nonce.',
  request: { params: ProviderParam },
  middleware: [rateLimit({ name: 'oauth-start', limit: 60, windowSeconds: 600 })] as const,
  responses: { 302: { description: 'Redirect to the provider' }, ...problems(400, 404, 429) },
});

export function registerOAuthStart(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { provider: name } = c.req.valid('param');
    const { config } = c.get('runtime');
    const provider = providerFromConfig(config, name);
    if (!provider || !config.APP_SECRET) throw new HttpProblem(404, 'not-found', `Sign-in with ${name} is not configured here.`);
    const as = await authorizationServer(provider).catch(() => {
      throw new HttpProblem(503, 'service-unavailable', `${name} cannot be reached right now; try again shortly.`);
    });

    const codeVerifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    const url = new URL(as.authorization_endpoint!);
    url.searchParams.set('client_id', provider.client.client_id);
    url.searchParams.set('redirect_uri', `${config.publicUrl}/api/auth/oauth/${name}/callback`);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', provider.scope);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('state', state);
    if (provider.protocol === 'oidc') url.searchParams.set('nonce', nonce);

    setCookie(c, FLOW_COOKIE, sealFlowState(config.APP_SECRET, { provider: name, state, codeVerifier, nonce, expires: Math.floor(Date.now() / 1000) + FLOW_SECONDS }), {
      httpOnly: true,
      secure: config.cookieSecure,
      // Lax, not Strict: the provider's redirect back is a cross-site top-level navigation.
      sameSite: 'Lax',
      path: FLOW_COOKIE_PATH,
      maxAge: FLOW_SECONDS,
    });
    return c.redirect(url.href, 302);
  });
}
