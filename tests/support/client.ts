/**
 * A tiny cookie-keeping HTTP client for tests: what a browser would send (Origin on unsafe
 * requests, the session cookie), over real HTTP.
 */
export class TestClient {
  cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    private readonly defaults: { origin?: string | null } = {},
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
    const origin = this.defaults.origin === undefined ? this.baseUrl : this.defaults.origin;
    if (origin && method !== 'GET' && !('origin' in h)) h.origin = origin;
    if (this.cookies.size && !h.cookie) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body ?? {}, headers);
  patch = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('PATCH', path, body ?? {}, headers);
  delete = (path: string, headers?: Record<string, string>) => this.request('DELETE', path, undefined, headers);
}

let n = 0;
export const uniqueEmail = (tag = 'user') => `${tag}-${process.pid}-${Date.now().toString(36)}-${++n}@example.com`;

export async function signUp(client: TestClient, overrides: Partial<{ email: string; password: string; name: string; businessName: string }> = {}) {
  const body = {
    email: uniqueEmail(),
    password: 'a-long-enough-passphrase',
    name: 'Test Owner',
    businessName: 'Test Bakery',
    ...overrides,
  };
  const res = await client.post('/api/auth/signup', body);
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const json = (await res.json()) as { user: { id: string; email: string }; tenant: { id: string; name: string }; role: string };
  return { ...json, password: body.password };
}
