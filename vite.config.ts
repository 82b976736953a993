/// <reference types="vitest/config" />
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin, runnerImport } from 'vite'

/** Where `npm run dev:client` expects the sync server (started separately on its default port). */
const SERVER = 'http://127.0.0.1:8080'
const ROOT = import.meta.dirname

/**
 * Brotli and gzip copies of the built scripts, styles and page beside each file: the server sends
 * the one the browser accepts (@fastify/static `preCompressed`), so a phone on a slow network
 * downloads about a third of the bytes, and nothing is compressed per request.
 */
function precompress(): Plugin {
  const brotli = promisify(zlib.brotliCompress)
  const gzip = promisify(zlib.gzip)
  // Quality 10, not 11: 1.7 % larger, a third of the time (~1.7 s against ~4.6 s for the whole client).
  const brotliOptions = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 10 } }
  return {
    name: 'sip-live:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? path.join(ROOT, 'dist', 'client')
      const files = Object.keys(bundle).filter((file) => /\.(js|css|html|svg)$/.test(file))
      await Promise.all(
        files.map(async (file) => {
          const source = await fs.promises.readFile(path.join(dir, file))
          const [br, gz] = await Promise.all([brotli(source, brotliOptions), gzip(source, { level: 9 })])
          await fs.promises.writeFile(path.join(dir, `${file}.br`), br)
          await fs.promises.writeFile(path.join(dir, `${file}.gz`), gz)
        }),
      )
    },
  }
}

/** Tests that need a real PostgreSQL or Redis by nature: only in the vitest project `postgres`. */
const ENGINE_ONLY_TESTS = [
  'server/db/postgres/**/*.test.ts',
  'server/cluster/**/*.test.ts',
  'server/test/*.test.ts',
]

/**
 * Integration tests that run on both engines: in the project `postgres` each server of the test
 * harness runs on a PostgreSQL database of its own (server/test/harness.ts). A test in them that is
 * about SQLite itself says so and is skipped there.
 */
const INTEGRATION_ON_BOTH_ENGINES = ['server/**/*.integration.test.ts']

/** Integration tests left out of the project `postgres`, each with its reason. */
const INTEGRATION_SQLITE_ONLY = [
  // The generator writes into a SQLite storage of its own and the test reads its rows with SQLite's
  // SQL throughout; not yet converted to openTestStorage (server/test/engine-access.ts).
  'server/statistics/generator.integration.test.ts',
  // SQLite's online backup of the SQLite file (PostgreSQL is backed up with pg_dump).
  'server/db/backup.integration.test.ts',
]

const ROOM_CONTRACT = 'virtual:room-contract'

/**
 * `virtual:room-contract`: what shared/api/room-contract.ts writes from the endpoint table – the
 * room's endpoints with the JSON Schema of their answers – as a module for the browser, so that a
 * participant's page checks its answers without zod (issue 15). Loaded through Vite's module runner:
 * the config itself imports nothing of the app.
 */
function roomContract(): Plugin {
  let source: Promise<string> | undefined
  const write = async () => {
    const { module } = await runnerImport<typeof import('./shared/api/room-contract')>(
      path.join(ROOT, 'shared/api/room-contract.ts'),
      { configFile: false, logLevel: 'error' },
    )
    return module.roomContractSource()
  }
  return {
    name: 'sip-live:room-contract',
    resolveId: (id) => (id === ROOM_CONTRACT ? `\0${ROOM_CONTRACT}` : undefined),
    load(id) {
      if (id !== `\0${ROOM_CONTRACT}`) return undefined
      source ??= write()
      return source
    },
  }
}

export default defineConfig({
  root: 'client',
  plugins: [react(), precompress(), roomContract()],
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
  // Two projects: `sqlite` (everything, as before issue 16) and `postgres` (the contract tests
  // again with SIP_TEST_ENGINE=postgres, and the tests of the PostgreSQL and Redis code), whose
  // global setup starts one throwaway PostgreSQL and one Redis for the run (server/test/engines.ts).
  test: {
    root: ROOT,
    // Integration tests each start their own server on port 0; two workers fit two cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One JSON file for both projects: .ci/run's closing line reads it.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: path.join(ROOT, 'test-results', 'unit.json') },
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: [
            'shared/**/*.test.ts',
            'server/**/*.test.ts',
            'client/**/*.test.ts',
            'client/**/*.test.tsx',
          ],
          exclude: ['**/node_modules/**', 'client/e2e/**', ...ENGINE_ONLY_TESTS],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['server/**/*.contract.test.ts', ...ENGINE_ONLY_TESTS, ...INTEGRATION_ON_BOTH_ENGINES],
          exclude: ['**/node_modules/**', ...INTEGRATION_SQLITE_ONLY],
          environment: 'node',
          env: { SIP_TEST_ENGINE: 'postgres' },
          globalSetup: ['server/test/engines.global.ts'],
        },
      },
    ],
  },
})
