import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { planParts } from '../../shared/plan/layout'
import {
  api,
  connectClient,
  createUser,
  loadStoredDocFromFile,
  signIn,
  startServer,
  synced,
  type TestServer,
  tempDataDir,
} from '../test/harness'
import { convenedMeeting, writePlan } from '../test/sip-meetings'

/**
 * `npm run cli -- backup --to FILE`: SQLite's online backup while the server writes; the backup
 * opens, holds a whole document, verifies every plan version, and a server started on it serves
 * the signed plan. It never overwrites, and refuses on PostgreSQL (pg_dump is the tool there).
 */
const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '../..')

async function cli(args: string[], dataDir: string, env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, SIP_DATA_DIR: dataDir, SIP_PUBLIC_URL: 'http://127.0.0.1:9999', ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

// The process guard (A15, tested in hardening.integration.test.ts) is not under test here: the
// statistics generator and the CLI's processes load the machine. 0: the event loop is not checked.
const UNGUARDED = { loadGuards: { maxEventLoopDelayMs: 0 } }

const running: TestServer[] = []
afterEach(async () => {
  for (const server of running.splice(0)) await server.close()
})

describe('backup', () => {
  it('backs up while the server writes; the backup opens, verifies every plan version and serves the signed plan', async () => {
    const dataDir = tempDataDir()
    const server = await startServer(dataDir, UNGUARDED)
    running.push(server)
    await createUser(server, { email: 'maja@skolan.se', name: 'Maja Lind' })
    const cookie = await signIn(server, 'maja@skolan.se')
    const locked = await convenedMeeting(server, cookie)
    await writePlan(server, locked, {
      goals: [{ text: 'Elsa läser varje dag.' }],
      attendance: { chair: 'present' },
    })
    const chair = { headers: { Authorization: `Bearer ${locked.people.chair.token}` } }
    expect(
      (await api(server, 'POST', `/api/meetings/${locked.id}/plan/lock`, { ...chair, body: {} })).status,
    ).toBe(201)
    const busy = await convenedMeeting(server, cookie, { childName: 'Omar' })
    const writer = connectClient(server, busy.id, busy.people.notetaker.token)
    await synced(writer)
    let typing = true
    let typed = 0
    const typist = (async () => {
      while (typing) {
        writer.doc.getText('t').insert(0, 'x')
        typed++
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    })()
    const backupDir = tempDataDir()
    const file = path.join(backupDir, 'sip-live.db')
    const result = await cli(['backup', '--to', file], dataDir)
    typing = false
    await typist
    writer.destroy()
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain('Plan versions verified in the backup: 1 of 1 intact.')
    expect(result.stdout).toContain('OK: the backup opens and every plan version in it is intact.')
    expect(result.code).toBe(0)
    expect(typed).toBeGreaterThan(0)
    expect(fs.existsSync(`${file}.partial`)).toBe(false)

    // One moment of the database: SQLite finds it whole, and the busy meeting's document loads
    // without a gap – some of what was typed, nothing missing in between.
    const db = new Database(file, { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      const doc = loadStoredDocFromFile(db, busy.id)
      expect(doc.store.pendingStructs).toBeNull()
      expect(doc.getText('t').toString()).toMatch(/^x*$/)
      expect(doc.getText('t').length).toBeLessThanOrEqual(typed)
      doc.destroy()
    } finally {
      db.close()
    }

    // The backup serves: a server started on it verifies the locked version and serves its plan.
    const restored = await startServer(backupDir, UNGUARDED)
    running.push(restored)
    const verified = await api<{ ok: boolean }>(
      restored,
      'GET',
      `/api/meetings/${locked.id}/plan/verify`,
      chair,
    )
    expect(verified.body).toMatchObject({ ok: true })
    const reader = connectClient(restored, locked.id, locked.people.chair.token)
    try {
      await synced(reader)
      expect(planParts(reader.doc).goals.get(0)?.get('text')).toBe('Elsa läser varje dag.')
    } finally {
      reader.destroy()
    }
  }, 180_000)

  it('never overwrites, says when a stored version does not verify, and refuses on PostgreSQL', async () => {
    const dataDir = tempDataDir()
    const server = await startServer(dataDir, UNGUARDED)
    running.push(server)
    await createUser(server, { email: 'maja@skolan.se', name: 'Maja Lind' })
    const cookie = await signIn(server, 'maja@skolan.se')
    const meeting = await convenedMeeting(server, cookie)
    await writePlan(server, meeting, { goals: [{ text: 'Elsa läser.' }], attendance: { chair: 'present' } })
    const chair = { headers: { Authorization: `Bearer ${meeting.people.chair.token}` } }
    expect(
      (await api(server, 'POST', `/api/meetings/${meeting.id}/plan/lock`, { ...chair, body: {} })).status,
    ).toBe(201)

    const taken = path.join(tempDataDir(), 'backup.db')
    fs.writeFileSync(taken, 'förra veckans backup')
    const refused = await cli(['backup', '--to', taken], dataDir)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('already exists')
    expect(fs.readFileSync(taken, 'utf8')).toBe('förra veckans backup')

    const onPostgres = await cli(['backup', '--to', path.join(tempDataDir(), 'b.db')], dataDir, {
      SIP_DATABASE_URL: 'postgres://sip@127.0.0.1:1/sip',
    })
    expect(onPostgres.code).toBe(2)
    expect(onPostgres.stderr).toContain('pg_dump')

    // A version changed in the database after its lock: the backup is made, and says so.
    server.app.db.prepare("UPDATE plan_versions SET canonical_json = canonical_json || ' '").run()
    const target = path.join(tempDataDir(), 'backup.db')
    const changed = await cli(['backup', '--to', target], dataDir)
    expect(changed.code).toBe(1)
    expect(changed.stdout).toContain(`FAILED: meeting ${meeting.id}, version 1`)
    expect(changed.stdout).toContain('the hash of its canonical JSON differs')
    expect(fs.existsSync(target)).toBe(false)
    expect(fs.existsSync(`${target}.partial`)).toBe(true)
  }, 180_000)
})
