import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ command }) => ({
  root,
  base: '/',
  // Vite's built-in oxc transform compiles JSX to Preact's automatic runtime, so no
  // Babel-based plugin is needed. Development JSX (source locations) only for the dev
  // server: a build started under NODE_ENV=test (vitest) must still ship production code.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: command === 'serve' } },
  build: {
    // functions/portal serves this folder at `/` with an SPA fallback.
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    // One entry chunk and no dynamic imports: the modulepreload polyfill would be dead weight.
    modulePreload: { polyfill: false },
  },
}));
