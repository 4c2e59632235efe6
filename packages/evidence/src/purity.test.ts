import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The engine must run unchanged on Node and Cloudflare Workers and never touch storage.
const here = fileURLToPath(new URL('.', import.meta.url));
const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('package purity', () => {
  it.each(sources)('%s imports only pure modules', (file) => {
    const text = readFileSync(`${here}${file}`, 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);
    for (const spec of imports) {
      expect(spec.startsWith('./') || spec === 'ml-matrix' || spec.startsWith('@stdlib/stats-base-dists-'), `${file} imports ${spec}`).toBe(true);
    }
    expect(text).not.toMatch(/\bWebAssembly\b|\bprocess\.|\brequire\(/);
  });
});
