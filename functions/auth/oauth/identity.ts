import * as oauth from 'oauth4webapi';
import type { Provider } from './providers';

/** Who the provider says signed in. Only a verified e-mail may link to an existing account. */
export interface ProviderIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export function identityFromIdToken(p: Provider, claims: oauth.IDToken): ProviderIdentity {
  const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
  // Microsoft accounts do not assert e-mail ownership in a standard claim; treat as unverified.
  const emailVerified = p.name === 'google' ? claims.email_verified === true : claims.email_verified === true && email !== null;
  const name = typeof claims.name === 'string' ? claims.name : null;
  return { subject: claims.sub, email, emailVerified, name };
}

/** GitHub is OAuth 2.0 without ID tokens: the profile and verified e-mails come from its API. */
export async function identityFromGitHub(p: Provider, accessToken: string): Promise<ProviderIdentity> {
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${p.apiUrl}${path}`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/vnd.github+json', 'user-agent': 'dyocense' },
    });
    if (!res.ok) throw new Error(`GitHub ${path} answered ${res.status}`);
    return (await res.json()) as T;
  };
  const user = await get<{ id: number; login: string; name: string | null }>('/user');
  const emails = await get<{ email: string; primary: boolean; verified: boolean }[]>('/user/emails');
  const primary = emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified);
  return {
    subject: String(user.id),
    email: primary?.email.toLowerCase() ?? null,
    emailVerified: Boolean(primary),
    name: user.name ?? user.login,
  };
}
