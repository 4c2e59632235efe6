import { signUp, TestClient } from './client';
import { startFakeShopify, type FakeShopify } from './fake-shopify';
import { startTestServer, type TestServer } from './server';

export interface ShopifyRig {
  fake: FakeShopify;
  server: TestServer;
  owner: TestClient;
  tenantId: string;
  close(): Promise<void>;
}

/** A fake Shopify app, the server configured to use it (quick retries), and an owner signed up. */
export async function startShopifyRig(app: { apiKey: string; apiSecret: string }, businessName: string): Promise<ShopifyRig> {
  const fake = await startFakeShopify(app);
  const server = await startTestServer({
    SHOPIFY_API_KEY: app.apiKey,
    SHOPIFY_API_SECRET: app.apiSecret,
    SHOPIFY_ADMIN_ORIGIN: fake.origin,
    SHOPIFY_API_VERSION: '2025-01',
    CONNECTOR_RETRY_ATTEMPTS: '3',
    CONNECTOR_RETRY_BASE_MS: '10',
  });
  const owner = new TestClient(server.url);
  const tenantId = (await signUp(owner, { businessName })).tenant.id;
  return {
    fake,
    server,
    owner,
    tenantId,
    async close() {
      await server.close();
      await fake.close();
    },
  };
}
