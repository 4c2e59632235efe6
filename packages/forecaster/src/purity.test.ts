import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The engine must run anywhere (Node compute function, Workers): no I/O, no Node-only APIs, no app packages.
const dir = fileURLToPath(new URL('.', import.meta.url));
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('package purity', () => {
  it.each(sources)('%s uses no Node APIs, I/O or database packages', (file) => {
    const text = readFileSync(dir + file, 'utf8');
    expect(text).not.toMatch(/from ['"](node:|fs|path|os|child_process|worker_threads|postgres|drizzle-orm|@electric-sql|@dyocense\/core)/);
    expect(text).not.toMatch(/\bprocess\.|\brequire\(|\bfetch\(|Buffer\./);
  });

  it('the index exports only the public entry points', async () => {
    const mod = await import('./index');
    expect(Object.keys(mod).sort()).toEqual(['ForecastInputError', 'detectAnomalies', 'forecast']);
  });
});
