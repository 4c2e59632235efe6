import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { createFunction } from '@dyocense/core';

/**
 * The portal: the Vite-built single-page app at `/`. On Node it is served from dist/ with a
 * fallback to index.html for client-side routes; on the edge, wrangler's static assets do
 * the same job. Hashed assets are cached for a year, index.html never.
 */
const dist = fileURLToPath(new URL('./dist', import.meta.url));
const app = createFunction('portal', { basePath: '' });

app.use('/assets/*', async (c, next) => {
  await next();
  if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
});
app.use('*', async (c, next) => {
  if (c.req.path.startsWith('/api/')) return next();
  return serveStatic({ root: dist })(c, next);
});
app.get('*', (c) => {
  if (c.req.path.startsWith('/api/')) return c.notFound();
  const index = `${dist}/index.html`;
  if (!existsSync(index)) {
    return c.html('<p>The portal is not built yet: run <code>npm run build</code>. The API is at <a href="/api/docs">/api/docs</a>.</p>', 503);
  }
  c.header('cache-control', 'no-cache');
  return c.html(readFileSync(index, 'utf8'));
});

export default app;
