import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { stockholmDay } from '../../../shared/dates'
import { planParts } from '../../../shared/plan/layout'
import { seedStatistics } from '../../statistics/generator'
import { SEED_000_SHAPE, scaleShape } from '../../statistics/generator-shape'
import { testDatabase } from '../../test/engine-access'
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
  waitFor,
} from '../../test/harness'
import { type ConvenedMeeting, convenedMeeting, lockAndFinalize, writePlan } from '../../test/sip-meetings'
import { openDatabase } from '../connection'
import type { Storage } from '../contract'
import { documentStore } from '../documents'
import { MIGRATIONS } from '../migrations'
import { sqliteStorage } from '../sqlite-storage'
import { SCHEMA_1 } from './schema-1'
import { postgresStorage } from './storage'

/**
 * `npm run cli -- migrate-to-postgres` (issue 16): an installation built through the real server
 * on SQLite is copied into PostgreSQL by the CLI; every table's rows are the same, the app on the
 * copy serves the plan and its signed version, old accounts sign in, new rows get new ids – and
 * the copy refuses what it cannot copy faithfully, leaving nothing behind.
 */
const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '../../..')
const TABLES = [...SCHEMA_1.matchAll(/^CREATE TABLE (\w+)/gm)].map((match) => match[1] as string)

function cli(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, SIP_DATA_DIR: tempDataDir(), SIP_PUBLIC_URL: 'http://127.0.0.1:9999', ...env },
  })
}

/** The CLI's exit code, stdout and stderr, whether it succeeded or not. */
async function cliResult(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await cli(args, env)
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

interface Installation {
  file: string
  email: string
  /** A staff session cookie made on SQLite. */
  cookie: string
  meeting: ConvenedMeeting
  /** A meeting whose document log was compacted on SQLite. */
  compacted: ConvenedMeeting
}

// The process guard (A15, tested in hardening.integration.test.ts) is not under test here: the
// statistics generator and the CLI's processes load the machine. 0: the event loop is not checked.
const UNGUARDED = { loadGuards: { maxEventLoopDelayMs: 0 } }

const running: TestServer[] = []
afterEach(async () => {
  for (const server of running.splice(0)) await server.close()
})

/**
 * A realistic SQLite installation, built through the real server: staff accounts and sessions, a
 * meeting with participants, consent, a plan written over the sync core, a lock, a signature, the
 * finalized version, audit rows with counts (the same link opened twice); and, from the statistics
 * generator, SIPs with follow-ups, closures, deviations, answers and facts. One meeting's document
 * log is compacted, so SQLite's AUTOINCREMENT counter is past the highest update row left.
 */
async function buildInstallation(): Promise<Installation> {
  const dataDir = tempDataDir()
  const server = await startServer(dataDir, { ...UNGUARDED, engine: 'sqlite' })
  running.push(server)
  const seeded = await seedStatistics(server.app.storage, {
    shape: scaleShape(SEED_000_SHAPE, 24, { from: '2026-03-01', to: '2026-05-31' }),
    seed: 16,
  })
  expect(seeded.meetings.held).toBeGreaterThan(0)
  const email = 'maja@skolan.se'
  await createUser(server, { email, name: 'Maja Lind', isAdmin: true })
  const cookie = await signIn(server, email)
  const meeting = await convenedMeeting(server, cookie)
  await writePlan(server, meeting, {
    goals: [{ text: 'Elsa läser varje dag.' }],
    supports: [{ text: 'Lästräning med specialpedagog.' }],
    attendance: { chair: 'present', notetaker: 'present', guardian: 'present', participant: 'remote' },
  })
  // The same link opened twice from one address: one audit row, counted twice (A10).
  for (let i = 0; i < 2; i++) {
    const reader = connectClient(server, meeting.id, meeting.people.guardian.token)
    await synced(reader)
    reader.destroy()
  }
  expect(
    (await api(server, 'POST', '/api/join', { body: { token: meeting.people.guardian.token } })).status,
  ).toBe(200)
  const auth = { headers: { Authorization: `Bearer ${meeting.people.chair.token}` } }
  expect(
    (await api(server, 'POST', `/api/meetings/${meeting.id}/plan/lock`, { ...auth, body: {} })).status,
  ).toBe(201)
  const version = await server.app.stores.signoff.active(meeting.id)
  const signed = await api(server, 'POST', `/api/meetings/${meeting.id}/plan/sign`, {
    headers: { Authorization: `Bearer ${meeting.people.guardian.token}` },
    body: { versionHash: version?.hash, confirm: true, typedName: 'Sara' },
  })
  expect(signed.status).toBe(201)
  await lockAndFinalize(server, meeting, { alreadyLocked: true })
  // A second meeting whose plan is compacted: its snapshot holds updates whose rows are gone.
  const other = await convenedMeeting(server, cookie, { childName: 'Omar' })
  await writePlan(server, other, { goals: [{ text: 'Omar kommer i tid.' }] })
  await server.close()
  running.splice(0)

  const file = path.join(dataDir, 'sip-live.db')
  const db = openDatabase({ file })
  try {
    const snapshot = Y.encodeStateAsUpdate(loadStoredDocFromFile(db, other.id))
    const upto = db
      .prepare('SELECT max(id) FROM doc_updates WHERE meeting_id = ?')
      .pluck()
      .get(other.id) as number
    documentStore(db).compact(other.id, snapshot, upto)
    const left = db.prepare('SELECT coalesce(max(id), 0) FROM doc_updates').pluck().get() as number
    const counter = db
      .prepare("SELECT seq FROM sqlite_sequence WHERE name = 'doc_updates'")
      .pluck()
      .get() as number
    expect(counter).toBeGreaterThan(left)
    // What the copy must carry: every kind of row.
    for (const table of [
      'staff_sessions',
      'participant_sessions',
      'signatures',
      'missing_signatures',
      'meeting_facts',
      'attendance_facts',
      'deviations',
      'satisfaction_answers',
      'sip_consents',
      'sip_responsible',
      'doc_snapshots',
    ]) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBeGreaterThan(0)
    }
    expect(db.prepare("SELECT count(*) FROM sips WHERE status = 'closed'").pluck().get()).toBeGreaterThan(0)
    expect(
      db.prepare('SELECT count(*) FROM meetings WHERE previous_meeting_id IS NOT NULL').pluck().get(),
    ).toBeGreaterThan(0)
    expect(db.prepare('SELECT max(count) FROM audit_log').pluck().get()).toBeGreaterThan(1)
  } finally {
    db.close()
  }
  return { file, email, cookie, meeting, compacted: other }
}

/** Every row of `table` in SQLite's rowid order, SQLite's columns only. */
function sqliteRows(file: string, table: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[]
  } finally {
    db.close()
  }
}

/**
 * The same table in PostgreSQL, in the order the copy must keep: insert_order (SQLite's rowid) or
 * the integer id; tables with neither are compared as sets (sorted the same on both sides).
 */
async function postgresRows(
  client: pg.Client,
  table: string,
  columns: string[],
): Promise<{ rows: Record<string, unknown>[]; ordered: boolean }> {
  const has = async (column: string) =>
    (
      await client.query(
        'SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = $2 AND data_type = $3',
        [table, column, 'bigint'],
      )
    ).rowCount === 1
  const order = (await has('insert_order')) ? 'insert_order' : (await has('id')) ? 'id' : undefined
  const { rows } = await client.query(
    `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table}${order ? ` ORDER BY ${order}` : ''}`,
  )
  return { rows, ordered: order !== undefined }
}

const sortedByJson = (rows: Record<string, unknown>[]) =>
  [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))

describe('migrate-to-postgres', () => {
  let installation: Installation
  beforeAll(async () => {
    installation = await buildInstallation()
  }, 240_000)
  afterAll(() => {
    fs.rmSync(path.dirname(installation.file), { recursive: true, force: true })
  })

  it('copies every table row for row, ids kept, bytes byte for byte; the app on the copy serves the plan, verifies its signed version and signs the old account in; new rows get new ids', async () => {
    const { url } = await testDatabase({ migrated: true })
    const copied = await cliResult(['migrate-to-postgres', '--from', installation.file, '--to', url])
    expect(copied.stderr).toBe('')
    expect(copied.stdout).toContain('OK: every row is copied and every plan version is intact.')
    expect(copied.stdout).toMatch(/Plan versions verified in PostgreSQL: (\d+) of \1 intact/)
    expect(copied.code).toBe(0)

    // (a) Every table: the same rows, in SQLite's order where the stores order by it.
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      client.setTypeParser(20, Number)
      for (const table of TABLES) {
        const expected = sqliteRows(installation.file, table)
        const columns = Object.keys(expected[0] ?? {})
        if (expected.length === 0) {
          expect((await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n, table).toBe(0)
          continue
        }
        const { rows, ordered } = await postgresRows(client, table, columns)
        const actual = rows
        if (ordered) expect(actual, table).toEqual(expected)
        else expect(sortedByJson(actual), table).toEqual(sortedByJson(expected))
      }
      // Bytes byte for byte: the documents, the versions' snapshots, the token hashes.
      const source = new Database(installation.file, { readonly: true })
      try {
        for (const [table, column] of [
          ['doc_updates', 'data'],
          ['doc_snapshots', 'data'],
          ['plan_versions', 'snapshot'],
          ['access_tokens', 'token_hash'],
          ['staff_sessions', 'token_hash'],
          ['participant_sessions', 'token_hash'],
        ] as const) {
          const theirs = source
            .prepare(`SELECT hex(${column}) FROM ${table} ORDER BY rowid`)
            .pluck()
            .all() as string[]
          const ours = (
            await client.query(
              `SELECT upper(encode(${column}, 'hex')) AS h FROM ${table} ORDER BY ${table === 'doc_snapshots' ? 'meeting_id' : 'id'}`,
            )
          ).rows.map((row) => row.h as string)
          if (table === 'doc_snapshots') expect(ours.sort(), table).toEqual(theirs.sort())
          else expect(ours, table).toEqual(theirs)
          expect(theirs.length, table).toBeGreaterThan(0)
        }
      } finally {
        source.close()
      }
      // The audit log is still append-only on the copy.
      await expect(client.query('UPDATE audit_log SET actor = $1', ['någon'])).rejects.toThrow(/append-only/)
      await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/)
    } finally {
      await client.end()
    }

    // (a) …and as the app reads them: every store read of every meeting and SIP answers the same on
    // both engines – values, order, bytes.
    const sqlite = sqliteStorage(openDatabase({ file: installation.file }))
    const postgres = await postgresStorage({ url, maxConnections: 2 })
    try {
      const reads = async ({ stores }: Storage, meetingIds: string[], sipIds: string[]) => ({
        users: await stores.users.list(),
        meetings: await Promise.all(
          meetingIds.map(async (id) => ({
            meeting: await stores.meetings.getMeeting(id),
            participants: await stores.participants.ofMeeting(id),
            document: await stores.documents.load(id),
            versions: await stores.signoff.versions(id),
            signatures: await stores.signoff.signatures(id),
            missing: await stores.signoff.missing(id),
            audit: await stores.audit.forMeeting(id),
            facts: await stores.statistics.meetingFacts(id),
            attendance: await stores.statistics.attendance(id),
          })),
        ),
        sips: await Promise.all(
          sipIds.map(async (id) => ({
            sip: await stores.sips.get(id),
            meetings: await stores.meetings.ofSip(id),
            responsible: await stores.sips.responsibleHistory(id),
            deviations: await stores.sips.deviations(id),
            audit: await stores.audit.forMeeting('', id),
          })),
        ),
      })
      const meetingIds = sqliteRows(installation.file, 'meetings').map((row) => row.id as string)
      const sipIds = sqliteRows(installation.file, 'sips').map((row) => row.id as string)
      const fromSqlite = await reads(sqlite, meetingIds, sipIds)
      expect(fromSqlite.meetings.filter((m) => m.versions.length > 0).length).toBeGreaterThan(1)
      expect(await reads(postgres, meetingIds, sipIds)).toEqual(fromSqlite)
    } finally {
      await sqlite.close()
      await postgres.close()
    }

    // (b) The app on the copy: the plan, its signed version verified, the old account and session.
    const server = await startServer(tempDataDir(), { ...UNGUARDED, databaseUrl: url })
    running.push(server)
    const { meeting } = installation
    const guardian = { headers: { Authorization: `Bearer ${meeting.people.guardian.token}` } }
    const verified = await api<{ ok: boolean; bound: boolean }>(
      server,
      'GET',
      `/api/meetings/${meeting.id}/plan/verify`,
      guardian,
    )
    expect(verified.status).toBe(200)
    expect(verified.body).toMatchObject({ ok: true, bound: true })
    const state = await api<{ status: string; versions: { signatures: { participantId: string }[] }[] }>(
      server,
      'GET',
      `/api/meetings/${meeting.id}/plan/state`,
      guardian,
    )
    expect(state.body.status).toBe('finalized')
    const reader = connectClient(server, meeting.id, meeting.people.guardian.token)
    try {
      await synced(reader)
      await waitFor(
        () => planParts(reader.doc).goals.length === 1,
        'the plan written on SQLite is served from PostgreSQL',
        30_000,
      )
      expect(planParts(reader.doc).goals.get(0)?.get('text')).toBe('Elsa läser varje dag.')
    } finally {
      reader.destroy()
    }
    const me = await api<{ user: { email: string } }>(server, 'GET', '/api/auth/me', {
      cookie: installation.cookie,
    })
    expect(me.status).toBe(200)
    expect(me.body.user.email).toBe(installation.email)
    const cookie = await signIn(server, installation.email)

    // (c) New rows after the copy get new ids: past every copied id and SQLite's counters.
    const before = new Database(installation.file, { readonly: true })
    const highest = (table: string) =>
      Math.max(
        before.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck().get() as number,
        (before.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(table) as number) ?? 0,
      )
    const oldDocUpdate = highest('doc_updates')
    const oldAudit = highest('audit_log')
    const oldSession = highest('staff_sessions')
    before.close()
    const compacted = installation.compacted.id
    const other = await convenedMeeting(server, cookie, { childName: 'Nils' })
    const writer = connectClient(server, compacted, installation.compacted.people.notetaker.token)
    try {
      await synced(writer)
      expect(planParts(writer.doc).goals.get(0)?.get('text')).toBe('Omar kommer i tid.')
      writer.doc.getText('t').insert(0, 'Efter flytten.')
      const check = new pg.Client({ connectionString: url })
      await check.connect()
      try {
        check.setTypeParser(20, Number)
        const newest = async (table: string, where = '') =>
          (await check.query(`SELECT max(id) AS id FROM ${table} ${where}`)).rows[0].id as number
        let updateId = 0
        const deadline = Date.now() + 30_000
        while (updateId <= oldDocUpdate && Date.now() < deadline) {
          updateId = (await newest('doc_updates', `WHERE meeting_id = '${compacted}'`)) ?? 0
          if (updateId <= oldDocUpdate) await new Promise((resolve) => setTimeout(resolve, 20))
        }
        expect(updateId).toBeGreaterThan(oldDocUpdate)
        expect(await newest('audit_log')).toBeGreaterThan(oldAudit)
        expect(await newest('staff_sessions')).toBeGreaterThan(oldSession)
        expect(
          (await check.query('SELECT insert_order FROM meetings WHERE id = $1', [other.id])).rows[0]
            .insert_order,
        ).toBe((await check.query('SELECT max(insert_order) AS n FROM meetings')).rows[0].n)
      } finally {
        await check.end()
      }
    } finally {
      writer.destroy()
    }
    // The compacted meeting reloads with the edit made after the copy (its id is past the snapshot's).
    await server.close()
    running.splice(0)
    const again = await startServer(tempDataDir(), { ...UNGUARDED, databaseUrl: url })
    running.push(again)
    const late = connectClient(again, compacted, installation.compacted.people.notetaker.token)
    try {
      await synced(late)
      await waitFor(
        () => late.doc.getText('t').toString() === 'Efter flytten.',
        'the edit after the copy is kept',
        30_000,
      )
    } finally {
      late.destroy()
    }
  }, 240_000)

  it('copies a consistent snapshot while a server goes on writing to the SQLite file (WAL)', async () => {
    const dataDir = tempDataDir()
    fs.copyFileSync(installation.file, path.join(dataDir, 'sip-live.db'))
    const server = await startServer(dataDir, { ...UNGUARDED, engine: 'sqlite' })
    running.push(server)
    const writer = connectClient(
      server,
      installation.compacted.id,
      installation.compacted.people.notetaker.token,
    )
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
    const { url } = await testDatabase({ migrated: true })
    const copied = await cliResult([
      'migrate-to-postgres',
      '--from',
      path.join(dataDir, 'sip-live.db'),
      '--to',
      url,
    ])
    typing = false
    await typist
    writer.destroy()
    expect(copied.stderr).toBe('')
    expect(copied.code).toBe(0)
    expect(typed).toBeGreaterThan(0)
    await server.close()
    running.splice(0)

    // What PostgreSQL holds is the file as it was at one moment: the CLI found each table's rows
    // as many as counted at the start (exit 0), and the meeting's snapshot and the updates after it
    // make a whole document – part of what was typed, nothing missing in between.
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      client.setTypeParser(20, Number)
      const meetingId = installation.compacted.id
      const snapshot = (
        await client.query('SELECT upto_update_id AS upto, data FROM doc_snapshots WHERE meeting_id = $1', [
          meetingId,
        ])
      ).rows[0] as { upto: number; data: Buffer } | undefined
      const updates = (
        await client.query('SELECT data FROM doc_updates WHERE meeting_id = $1 AND id > $2 ORDER BY id', [
          meetingId,
          snapshot?.upto ?? 0,
        ])
      ).rows as { data: Buffer }[]
      const doc = new Y.Doc()
      if (snapshot) Y.applyUpdate(doc, snapshot.data)
      for (const update of updates) Y.applyUpdate(doc, update.data)
      expect(doc.store.pendingStructs).toBeNull()
      expect(doc.getText('t').toString()).toMatch(/^x*$/)
      expect(doc.getText('t').length).toBeLessThanOrEqual(typed)
      expect(planParts(doc).goals.get(0)?.get('text')).toBe('Omar kommer i tid.')
      doc.destroy()
    } finally {
      await client.end()
    }
  }, 180_000)

  it('refuses a target that already holds data, and a copy that fails half-way leaves nothing behind', async () => {
    const { url } = await testDatabase({ migrated: true })
    expect((await cliResult(['migrate-to-postgres', '--from', installation.file, '--to', url])).code).toBe(0)
    const again = await cliResult(['migrate-to-postgres', '--from', installation.file], {
      SIP_DATABASE_URL: url,
    })
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/already holds data \(users: \d+ rows/)
    expect(again.stderr).toContain('Nothing was written.')

    // A text PostgreSQL cannot hold (a NUL character) in a late table: the whole copy is undone.
    const broken = path.join(tempDataDir(), 'broken.db')
    fs.copyFileSync(installation.file, broken)
    const db = new Database(broken)
    db.prepare(
      "UPDATE deviations SET description = 'a' || char(0) || 'b' WHERE rowid = (SELECT min(rowid) FROM deviations)",
    ).run()
    db.close()
    const empty = await testDatabase({ migrated: true })
    const failed = await cliResult(['migrate-to-postgres', '--from', broken, '--to', empty.url])
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(/failed, nothing was written: table deviations:/)
    const client = new pg.Client({ connectionString: empty.url })
    await client.connect()
    try {
      for (const table of TABLES) {
        expect((await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n, table).toBe(0)
      }
    } finally {
      await client.end()
    }
  }, 180_000)

  it('refuses a source that does not exist, is not a SIP Live database or is at another schema version, and never prints the password', async () => {
    const { url } = await testDatabase({ migrated: true })
    const dir = tempDataDir()
    const missing = await cliResult(['migrate-to-postgres', '--from', path.join(dir, 'nej.db'), '--to', url])
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('nej.db does not exist') })

    const text = path.join(dir, 'anteckningar.txt')
    fs.writeFileSync(
      text,
      'Det här är ingen databas, bara text som är tillräckligt lång för en sida.\n'.repeat(20),
    )
    const notSqlite = await cliResult(['migrate-to-postgres', '--from', text, '--to', url])
    expect(notSqlite).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a SQLite database') })

    const other = path.join(dir, 'annan.db')
    const otherDb = new Database(other)
    otherDb.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)')
    otherDb.close()
    const notOurs = await cliResult(['migrate-to-postgres', '--from', other, '--to', url])
    expect(notOurs).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a SIP Live database') })

    const old = path.join(dir, 'gammal.db')
    const oldDb = new Database(old)
    oldDb.function('stockholm_day', (ms: unknown) => (ms === null ? null : stockholmDay(Number(ms))))
    for (const migration of MIGRATIONS.slice(0, -1)) {
      oldDb.exec(migration.sql)
      oldDb.pragma(`user_version = ${migration.version}`)
    }
    oldDb.close()
    const outdated = await cliResult(['migrate-to-postgres', '--from', old, '--to', url])
    expect(outdated.code).toBe(2)
    expect(outdated.stderr).toContain(`schema version ${MIGRATIONS.at(-2)?.version}`)
    expect(outdated.stderr).toContain('Start this SIP Live version on it once')
    // Read-only: the file is not migrated by the copy.
    const still = new Database(old, { readonly: true })
    expect(still.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-2)?.version)
    still.close()

    const unreachable = await cliResult([
      'migrate-to-postgres',
      '--from',
      installation.file,
      '--to',
      'postgres://sip:hemligt-lösen@127.0.0.1:1/sip',
    ])
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr).toContain('127.0.0.1')
    expect(unreachable.stdout + unreachable.stderr).not.toContain('hemligt')

    const noTarget = await cliResult(['migrate-to-postgres', '--from', installation.file])
    expect(noTarget).toMatchObject({ code: 2, stderr: expect.stringContaining('--to is required') })
  }, 180_000)
})
