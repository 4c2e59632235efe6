// `npm start`: the whole product on one laptop. Builds the portal if needed, migrates the
// embedded database, seeds the demo café, serves, and prints where to go and how to log in.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seedDemo } from './seed';
import { startServer } from './serve';

const portalDist = fileURLToPath(new URL('../functions/portal/dist/index.html', import.meta.url));
if (!existsSync(portalDist)) {
  console.log('Building the portal (first start only)…');
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('../functions/portal/app/vite.config.ts', import.meta.url)), logLevel: 'warn' });
}

const { config, runtime, stop } = await startServer();
const demo = await seedDemo(runtime.db, config.DATA_DIR);
const line = '─'.repeat(64);
console.log(`\n${line}\n  Dyocense is running: ${config.publicUrl}\n  API docs:            ${config.publicUrl}/api/docs\n  Demo login:          ${demo.email}\n  Password:            ${demo.password}\n  Data:                ${config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `${config.DATA_DIR}/pgdata (embedded)`}\n${line}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
