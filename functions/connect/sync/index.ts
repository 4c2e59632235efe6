import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '@dyocense/core';
import { registerSyncStart } from './routes/start';

/** On-demand syncs of OAuth sources: POST /api/connect/sources/{id}/sync. */
export function registerSync(app: OpenAPIHono<AppEnv>) {
  registerSyncStart(app);
}
