// A local stand-in for QStash that speaks its documented wire protocol: it accepts
// `POST /v2/publish/<destination>` (Bearer token, Upstash-* headers), answers
// `{ messageId }`, then delivers the body to the destination signed the way QStash signs
// (HS256 JWT in Upstash-Signature: iss "Upstash", sub = URL, body = base64url SHA-256),
// redelivering on non-2xx up to Upstash-Retries times.
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { SignJWT } from 'jose';

export interface Delivery {
  messageId: string;
  url: string;
  status: number;
  attempt: number;
}

export async function signQstash(key: string, url: string, body: string, overrides: Partial<{ iss: string; sub: string }> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ body: createHash('sha256').update(body).digest('base64url') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(overrides.iss ?? 'Upstash')
    .setSubject(overrides.sub ?? url)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 300)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(key));
}

export async function startFakeQstash(options: { token: string; currentSigningKey: string; retryDelayMs?: number }) {
  const deliveries: Delivery[] = [];
  const seenDedup = new Map<string, string>();
  const app = new Hono();
  app.post('/v2/publish/*', async (c) => {
    if (c.req.header('authorization') !== `Bearer ${options.token}`) return c.json({ error: 'Unauthorized' }, 401);
    const destination = decodeURIComponent(c.req.path.slice('/v2/publish/'.length));
    const body = await c.req.text();
    const dedup = c.req.header('upstash-deduplication-id');
    if (dedup && seenDedup.has(dedup)) return c.json({ messageId: seenDedup.get(dedup), deduplicated: true }, 201);
    const messageId = `msg_${randomUUID()}`;
    if (dedup) seenDedup.set(dedup, messageId);
    const retries = Number(c.req.header('upstash-retries') ?? 3);
    void deliver(messageId, destination, body, retries);
    return c.json({ messageId }, 201);
  });

  async function deliver(messageId: string, url: string, body: string, retries: number) {
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      let status = 0;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'upstash-signature': await signQstash(options.currentSigningKey, url, body),
            'upstash-message-id': messageId,
            'upstash-retried': String(attempt - 1),
          },
          body,
        });
        status = res.status;
        await res.arrayBuffer();
      } catch {
        status = 0;
      }
      deliveries.push({ messageId, url, status, attempt });
      if (status >= 200 && status < 300) return;
      await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 50));
    }
  }

  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deliveries,
    /** Delivers a message again, as QStash does after a lost acknowledgement. */
    redeliver: (url: string, body: string) => deliver(`msg_${randomUUID()}`, url, body, 0),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
