/// <reference types="vitest/config" />
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

/** Where `npm run dev:client` expects the sync server (started separately on its default port). */
const SERVER = 'http://127.0.0.1:8080'
const ROOT = import.meta.dirname

/**
 * Brotli and gzip copies of the built scripts, styles and page beside each file: the server sends
 * the one the browser accepts (@fastify/static `preCompressed`), so a phone on a slow network
 * downloads about a third of the bytes, and nothing is compressed per request.
 */
function precompress(): Plugin {
  return {
    name: 'sip-live:precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? path.join(ROOT, 'dist', 'client')
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg)$/.test(file)) continue
        const source = fs.readFileSync(path.join(dir, file))
        fs.writeFileSync(path.join(dir, `${file}.gz`), zlib.gzipSync(source, { level: 9 }))
        fs.writeFileSync(
          path.join(dir, `${file}.br`),
          zlib.brotliCompressSync(source, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY },
          }),
        )
      }
    },
  }
}

export default defineConfig({
  root: 'client',
  plugins: [react(), precompress()],
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
