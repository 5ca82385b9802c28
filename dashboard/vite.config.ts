import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Builds the dashboard SPA into dashboard/dist, which the server serves at `/`. */
export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `vite --config dashboard/vite.config.ts` during development: forward the API to a running server.
    proxy: { '/api': { target: process.env.PDM_API_URL ?? 'http://localhost:3000', changeOrigin: true } },
  },
});
