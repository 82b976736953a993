import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildServer } from './build'
import { readCodeCache } from './code-cache'
import { openDatabase } from './db/connection'
import { sipStore } from './db/sips'
import { STORE_CACHE_AFTER_MS } from './launch'
import { testEngine } from './test/engine-access'
import { createMeetingInFile, tempDataDir, waitFor } from './test/harness'
import { pdfText } from './test/pdf-text'

/**
 * What `npm start` runs, built as `npm run build:server` builds it: dist/server.mjs compiling
 * dist/server.cjs with the code cache of an earlier start (decision 011). A first start stores
 * the cache, the next uses it; a damaged cache means a normal start; and what loads lazily –
 * pdfkit and the fonts at the first PDF – still works on the first request after either start.
 */

const ROOT = path.resolve(import.meta.dirname, '..')
let outside: string
let launcher: string
let cacheFile: string
let bundle: Buffer
const children: ChildProcess[] = []

beforeAll(async () => {
  // Its own folder, so the tests never touch dist/ (the browser tests run from it); packages
  // kept out of the bundle resolve through node_modules as they do beside dist/.
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-start-'))
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(outside, 'node_modules'))
  await buildServer(path.join(outside, 'dist'))
  launcher = path.join(outside, 'dist', 'server.mjs')
  cacheFile = path.join(outside, 'dist', 'server.cjs.v8-cache')
  bundle = fs.readFileSync(path.join(outside, 'dist', 'server.cjs'))
}, 60_000)

afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
  fs.rmSync(outside, { recursive: true, force: true })
})

/** `node dist/server.mjs` on a free port; resolves with its URL once it says it is running. */
function start(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [launcher], {
    env: { ...process.env, SIP_DATA_DIR: dataDir, SIP_PORT: '0', SIP_HOST: '127.0.0.1', SIP_DEMO: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  child.stdout!.on('data', (chunk) => {
    out += String(chunk)
  })
  child.stderr!.on('data', (chunk) => {
    out += String(chunk)
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000)
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)))
    const poll = setInterval(() => {
      const url = /SIP Live is running: (\S+)/.exec(out)?.[1]
      if (!url) return
      clearInterval(poll)
      clearTimeout(timer)
      resolve({ child, url, output: () => out })
    }, 10)
  })
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code))
    child.kill('SIGTERM')
  })
}

/** A data folder with one meeting whose SIP is closed, so its guardian can fetch the closure notice. */
function closedMeeting(): { dataDir: string; token: string } {
  const dataDir = tempDataDir()
  const db = openDatabase({ file: path.join(dataDir, 'sip-live.db') })
  const meeting = createMeetingInFile(db)
  const sips = sipStore(db)
  db.transaction(() => {
    const by = { userId: null, name: 'Test' }
    sips.addResponsible(
      meeting.id,
      {
        organisation: 'elevhalsa',
        organisationOther: '',
        function: 'kurator',
        name: 'Amir Haddad',
        userId: null,
        fromDate: '2026-12-14',
        meetingId: null,
      },
      by,
    )
    sips.close(meeting.id, { closedOn: '2027-05-12', reason: 'consent-withdrawn', note: '' }, by)
  }).immediate()
  db.close()
  return { dataDir, token: meeting.people.guardian.token }
}

/** The first request after a start: a PDF, drawn with pdfkit loaded at that moment. */
async function closureNoticeText(url: string, token: string): Promise<string> {
  const response = await fetch(`${url}/api/session/closure-notice.pdf?lang=sv`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/pdf')
  const { text } = await pdfText(new Uint8Array(await response.arrayBuffer()))
  return text.replace(/\s+/g, ' ')
}

// SQLite only: about the bundle and its code cache, not storage; its data is set up in the SQLite file.
describe.skipIf(testEngine() === 'postgres')('npm start: the bundle with its code cache', () => {
  it('the first start stores the cache, the next uses it; a PDF on the first request after each', async () => {
    const { dataDir, token } = closedMeeting()
    expect(fs.existsSync(cacheFile)).toBe(false)

    const first = await start(dataDir)
    expect(await closureNoticeText(first.url, token)).toContain('SIP:en för Elsa är avslutad')
    await waitFor(() => fs.existsSync(cacheFile), 'code cache stored', STORE_CACHE_AFTER_MS + 10_000)
    expect(readCodeCache(cacheFile, bundle)).toBeDefined()
    expect(await stop(first.child)).toBe(0)
    const stored = fs.statSync(cacheFile).mtimeMs

    const second = await start(dataDir)
    expect(await closureNoticeText(second.url, token)).toContain('SIP:en för Elsa är avslutad')
    // A start that used the cache leaves it as it was.
    await new Promise((resolve) => setTimeout(resolve, STORE_CACHE_AFTER_MS + 500))
    expect(fs.statSync(cacheFile).mtimeMs).toBe(stored)
    expect(second.output()).not.toContain('code cache')
    expect(await stop(second.child)).toBe(0)
  }, 60_000)

  it('a damaged cache: a normal start, the PDF still made, and a good cache stored again', async () => {
    const { dataDir, token } = closedMeeting()
    if (!fs.existsSync(cacheFile)) fs.writeFileSync(cacheFile, 'placeholder')
    const damaged = fs.readFileSync(cacheFile)
    damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 0xff
    fs.writeFileSync(cacheFile, damaged)
    expect(readCodeCache(cacheFile, bundle)).toBeUndefined()

    const server = await start(dataDir)
    expect(await closureNoticeText(server.url, token)).toContain('SIP:en för Elsa är avslutad')
    await waitFor(
      () => readCodeCache(cacheFile, bundle) !== undefined,
      'cache stored again',
      STORE_CACHE_AFTER_MS + 10_000,
    )
    expect(await stop(server.child)).toBe(0)
  }, 60_000)
})
