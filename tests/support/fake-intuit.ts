// A local Intuit (QuickBooks Online) speaking the documented wire formats: the OAuth 2.0
// authorize redirect (code, state, realmId), the bearer token endpoint with client_secret_basic
// (authorization_code and refresh_token grants, rotating refresh tokens, invalid_grant once
// revoked), and the Accounting API's ProfitAndLoss report summarized by Days, answering 401
// with Intuit's fault body once an access token has expired. Faults (429, 5xx) are injectable.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';

export interface BookDay {
  income: number;
  cogs: number;
  expenses: number;
}

interface Grant {
  realmId: string;
  redirectUri: string;
}

const REFRESH_SECONDS = 8_726_400;
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function daysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const money = (n: number) => (n === 0 ? '' : n.toFixed(2));

export async function startFakeIntuit(app: { clientId: string; clientSecret: string }) {
  const codes = new Map<string, Grant>();
  const access = new Map<string, { realmId: string; expiresAt: number }>();
  const refresh = new Map<string, string>(); // refresh token → realmId
  const books = new Map<string, Map<string, BookDay>>();
  const faults: Array<{ onRequest: number; status: number; retryAfter?: string }> = [];
  const state = { accessTtlSeconds: 3600, nextRealm: 9130350000000001n };
  const tokenRequests: Array<{ grantType: string; status: number }> = [];
  const reportRequests: Array<{ realmId: string; query: Record<string, string>; status: number }> = [];
  const hono = new Hono();

  hono.get('/connect/oauth2', (c) => {
    const q = c.req.query();
    if (q.client_id !== app.clientId) return c.text('invalid client_id', 400);
    if (q.response_type !== 'code' || !q.scope?.split(' ').includes('com.intuit.quickbooks.accounting')) return c.text('invalid request', 400);
    if (!q.redirect_uri || !q.state) return c.text('redirect_uri and state are required', 400);
    const code = `AB${randomBytes(24).toString('hex')}`;
    const realmId = String(state.nextRealm++);
    codes.set(code, { realmId, redirectUri: q.redirect_uri });
    const back = new URL(q.redirect_uri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.state);
    back.searchParams.set('realmId', realmId);
    return c.redirect(back.href, 302);
  });

  const issue = (realmId: string) => {
    const accessToken = `eyJ${randomBytes(24).toString('base64url')}`;
    const refreshToken = `AB11${randomBytes(20).toString('hex')}`;
    access.set(accessToken, { realmId, expiresAt: Date.now() + state.accessTtlSeconds * 1000 });
    refresh.set(refreshToken, realmId);
    return { token_type: 'bearer', access_token: accessToken, refresh_token: refreshToken, expires_in: state.accessTtlSeconds, x_refresh_token_expires_in: REFRESH_SECONDS };
  };

  hono.post('/oauth2/v1/tokens/bearer', async (c) => {
    const form = (await c.req.parseBody()) as Record<string, string>;
    const done = (status: number, body: object) => {
      tokenRequests.push({ grantType: form.grant_type ?? '', status });
      return c.json(body, status as 200, { 'cache-control': 'no-store' });
    };
    const basic = (c.req.header('authorization') ?? '').replace(/^Basic /i, '');
    const [id, secret] = Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent);
    if (id !== app.clientId || secret !== app.clientSecret) return done(401, { error: 'invalid_client' });
    if (form.grant_type === 'authorization_code') {
      const grant = codes.get(form.code ?? '');
      codes.delete(form.code ?? '');
      if (!grant || grant.redirectUri !== form.redirect_uri) return done(400, { error: 'invalid_grant' });
      return done(200, issue(grant.realmId));
    }
    if (form.grant_type === 'refresh_token') {
      const realmId = refresh.get(form.refresh_token ?? '');
      if (!realmId) return done(400, { error: 'invalid_grant' });
      refresh.delete(form.refresh_token!); // rotation: the old refresh token is spent
      return done(200, issue(realmId));
    }
    return done(400, { error: 'unsupported_grant_type' });
  });

  hono.get('/v3/company/:realmId/reports/ProfitAndLoss', (c: Context) => {
    const realmId = c.req.param('realmId')!;
    const q = c.req.query();
    const done = (status: number) => reportRequests.push({ realmId, query: q, status });
    const fault = faults.findIndex((f) => f.onRequest === reportRequests.length + 1);
    if (fault >= 0) {
      const f = faults.splice(fault, 1)[0]!;
      done(f.status);
      return c.json({ Fault: { Error: [{ Message: 'Service unavailable', code: String(f.status) }], type: 'SERVICE' } }, f.status as 500, f.retryAfter ? { 'Retry-After': f.retryAfter } : {});
    }
    const token = access.get((c.req.header('authorization') ?? '').replace(/^Bearer /i, ''));
    if (!token || token.realmId !== realmId || token.expiresAt <= Date.now()) {
      done(401);
      return c.json(
        { fault: { error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: 'Token expired', code: '3200' }], type: 'AUTHENTICATION' }, time: new Date().toISOString() },
        401,
      );
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(q.start_date ?? '') || !/^\d{4}-\d{2}-\d{2}$/.test(q.end_date ?? '') || q.summarize_column_by !== 'Days') {
      done(400);
      return c.json({ Fault: { Error: [{ Message: 'Invalid date or summarize_column_by', code: '2020' }], type: 'ValidationFault' } }, 400);
    }
    done(200);
    const days = daysBetween(q.start_date!, q.end_date!);
    const book = books.get(realmId) ?? new Map<string, BookDay>();
    const at = (d: string) => book.get(d) ?? { income: 0, cogs: 0, expenses: 0 };
    const title = (d: string) => `${monthNames[Number(d.slice(5, 7)) - 1]} ${Number(d.slice(8))}, ${d.slice(0, 4)}`;
    const section = (group: string, label: string, pick: (b: BookDay) => number) => {
      const values = days.map((d) => pick(at(d)));
      return {
        Header: { ColData: [{ value: group === 'COGS' ? 'Cost of Goods Sold' : group }, ...days.map(() => ({ value: '' })), { value: '' }] },
        Rows: { Row: [{ ColData: [{ value: `${group} account`, id: '1' }, ...values.map((v) => ({ value: money(v) })), { value: money(values.reduce((a, b) => a + b, 0)) }], type: 'Data' }] },
        Summary: { ColData: [{ value: label }, ...values.map((v) => ({ value: money(v) })), { value: money(values.reduce((a, b) => a + b, 0)) }] },
        type: 'Section',
        group,
      };
    };
    return c.json({
      Header: { Time: new Date().toISOString(), ReportName: 'ProfitAndLoss', ReportBasis: 'Accrual', StartPeriod: q.start_date, EndPeriod: q.end_date, SummarizeColumnsBy: 'Days', Currency: 'USD' },
      Columns: {
        Column: [
          { ColTitle: '', ColType: 'Account', MetaData: [{ Name: 'ColKey', Value: 'account' }] },
          ...days.map((d) => ({ ColTitle: title(d), ColType: 'Money', MetaData: [{ Name: 'StartDate', Value: d }, { Name: 'EndDate', Value: d }, { Name: 'ColKey', Value: title(d) }] })),
          { ColTitle: 'Total', ColType: 'Money', MetaData: [{ Name: 'ColKey', Value: 'total' }] },
        ],
      },
      Rows: {
        Row: [
          section('Income', 'Total Income', (b) => b.income),
          section('COGS', 'Total Cost of Goods Sold', (b) => b.cogs),
          { Summary: { ColData: [{ value: 'Gross Profit' }, ...days.map((d) => ({ value: money(at(d).income - at(d).cogs) }))] }, type: 'Section', group: 'GrossProfit' },
          section('Expenses', 'Total Expenses', (b) => b.expenses),
        ],
      },
    });
  });

  const server = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    /** The configuration that points the app here. */
    env: {
      INTUIT_ISSUER: url,
      INTUIT_AUTHORIZATION_URL: `${url}/connect/oauth2`,
      INTUIT_TOKEN_URL: `${url}/oauth2/v1/tokens/bearer`,
      QUICKBOOKS_API_BASE: url,
      INTUIT_CLIENT_ID: app.clientId,
      INTUIT_CLIENT_SECRET: app.clientSecret,
    },
    tokenRequests,
    reportRequests,
    /** The company id the next consent will return. */
    nextRealmId: () => String(state.nextRealm),
    setBook(realmId: string, day: string, values: BookDay) {
      let book = books.get(realmId);
      if (!book) books.set(realmId, (book = new Map()));
      book.set(day, values);
    },
    /** Access tokens issued from now on last this long. */
    setAccessTtl(seconds: number) {
      state.accessTtlSeconds = seconds;
    },
    /** The user disconnected the app in QuickBooks: every token of the company stops working. */
    revoke(realmId: string) {
      for (const [t, r] of refresh) if (r === realmId) refresh.delete(t);
      for (const [t, a] of access) if (a.realmId === realmId) access.delete(t);
    },
    failRequest(onRequest: number, fault: { status: number; retryAfter?: string }) {
      faults.push({ ...fault, onRequest });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type FakeIntuit = Awaited<ReturnType<typeof startFakeIntuit>>;
