import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

/**
 * Browser tests: the real server (built client, SQLite in a temp folder) and Debian's Chromium.
 * Playwright cannot download browsers here, so the system one is used.
 */
const ROOT = path.resolve(import.meta.dirname, '../..')
process.env.SIP_E2E_DATA ??= fs.mkdtempSync(path.join(os.tmpdir(), 'sip-live-e2e-'))
process.env.SIP_E2E_PORT ??= '8737'
const BASE_URL = `http://127.0.0.1:${process.env.SIP_E2E_PORT}`

export default defineConfig({
  testDir: '.',
  // The whole suite shares one server. A fresh installation (no account yet) is seen first; every
  // other flow runs after it, in file order.
  projects: [
    { name: 'first-install', testMatch: 'first-install.spec.ts' },
    {
      name: 'flows',
      testMatch: '*.spec.ts',
      testIgnore: 'first-install.spec.ts',
      dependencies: ['first-install'],
    },
  ],
  timeout: 60_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: path.join(ROOT, 'test-results', 'e2e.json') }]]
    : 'list',
  outputDir: path.join(ROOT, 'test-results', 'e2e'),
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // What `npm start` runs: the built client and the bundled server.
    command: 'npx vite build --logLevel warn && npm run build:server --silent && node dist/server.mjs',
    cwd: ROOT,
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      SIP_PORT: process.env.SIP_E2E_PORT,
      SIP_DATA_DIR: process.env.SIP_E2E_DATA,
      SIP_DEMO: 'off',
      SIP_LOG_LEVEL: 'warn',
    },
  },
})
