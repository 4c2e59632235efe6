// `npm run bench -- <name>` runs scripts/bench/<name>.ts; with no name, lists what exists.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3));

const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`);
  process.exit(name ? 1 : 0);
}
const bench = (await import(`./${name}.ts`)) as { default: () => Promise<void> };
await bench.default();
