/// <reference types="vitest/config" />
import path from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** Where `npm run dev:client` expects the sync server (started separately on its default port). */
const SERVER = 'http://127.0.0.1:8080'
const ROOT = import.meta.dirname

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/collab': { target: SERVER, ws: true },
      // Not '/api': that would catch the module /api.ts too.
      '^/api/': SERVER,
      '/healthz': SERVER,
    },
  },
  // Unit and integration tests (Node). Browser flows run under Playwright: client/e2e.
  test: {
    root: ROOT,
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'client/**/*.test.tsx'],
    exclude: ['**/node_modules/**', 'client/e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests each start their own server on port 0; two workers fit two cores.
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: path.join(ROOT, 'test-results', 'unit.json') },
  },
})
