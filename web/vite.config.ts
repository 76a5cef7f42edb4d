import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The UI is static files the server serves from dist/web; no CDN, nothing fetched at run time but the API.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The preload polyfill is an inline script; the Content-Security-Policy allows none.
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
  },
});
