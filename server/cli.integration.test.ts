import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ROLES } from '../shared/roles'
import { testEngine } from './test/engine-access'
import { integrationFixture } from './test/fixture'
import { api, connectClient, synced, tempDataDir } from './test/harness'

const SeedOutput = z.object({
  shape: z.string(),
  seed: z.number(),
  from: z.string(),
  to: z.string(),
  meetings: z.object({ held: z.number(), first: z.number(), followUps: z.number() }),
})

const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '..')

const DemoOutput = z.object({
  meetings: z.array(
    z.object({
      meetingId: z.string(),
      title: z.string(),
      links: z.array(z.object({ role: z.enum(ROLES), name: z.string(), url: z.string() })),
    }),
  ),
})

function cli(args: string[], dataDir: string, env: Record<string, string> = {}) {
  return run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, SIP_DATA_DIR: dataDir, SIP_PUBLIC_URL: 'http://127.0.0.1:9999', ...env },
  })
}

const fixture = integrationFixture()

// SQLite only: the operator CLI works on the SQLite file of SIP_DATA_DIR.
describe.skipIf(testEngine() === 'postgres')('operator CLI', () => {
  it('demo --count 3 --json creates meetings with one participant of each role while the server runs', async () => {
    const dataDir = tempDataDir()
    const server = await fixture.start(undefined, dataDir)
    const { stdout } = await cli(['demo', '--count', '3', '--json'], dataDir)
    const output = DemoOutput.parse(JSON.parse(stdout))
    expect(output.meetings).toHaveLength(3)
    for (const m of output.meetings) expect(m.links.map((l) => l.role).sort()).toEqual([...ROLES].sort())

    // A printed link works against the running server: its token opens exactly that meeting.
    const first = output.meetings[0]!
    const chairLink = new URL(first.links.find((l) => l.role === 'chair')!.url)
    expect(chairLink.pathname).toBe('/j')
    const token = new URLSearchParams(chairLink.hash.slice(1)).get('t')!
    const client = connectClient(server, first.meetingId, token)
    await synced(client)
    client.destroy()
  })

  it('create-admin makes an administrator (password from SIP_ADMIN_PASSWORD) who signs in on the running server', async () => {
    const dataDir = tempDataDir()
    const server = await fixture.start(undefined, dataDir)
    const password = 'ett långt lösenord 42'
    const { stdout } = await cli(
      ['create-admin', '--email', 'Ada@Kommun.se', '--name', 'Ada Admin'],
      dataDir,
      {
        SIP_ADMIN_PASSWORD: password,
      },
    )
    expect(stdout).toContain('Administrator created: ada@kommun.se')
    expect(stdout).not.toContain(password)
    const login = await api(server, 'POST', '/api/auth/login', { body: { email: 'ada@kommun.se', password } })
    expect(login.body).toMatchObject({ user: { email: 'ada@kommun.se', isAdmin: true } })

    await expect(
      cli(['create-admin', '--email', 'ada@kommun.se', '--name', 'Ada'], dataDir, {
        SIP_ADMIN_PASSWORD: password,
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('already exists') })
    await expect(
      cli(['create-admin', '--email', 'bo@kommun.se', '--name', 'Bo'], dataDir, {
        SIP_ADMIN_PASSWORD: 'kort',
      }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('SIP_ADMIN_PASSWORD: Password is too short'),
    })
    // No password and no terminal to ask in: a clear message, nothing created.
    await expect(
      cli(['create-admin', '--email', 'bo@kommun.se', '--name', 'Bo'], dataDir, { SIP_ADMIN_PASSWORD: '' }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('SIP_ADMIN_PASSWORD') })
    expect(await server.app.stores.users.count()).toBe(1)
  })

  it('seed-statistics creates invented finalized meetings, refuses to mix them into real ones, and checks its arguments', async () => {
    const dataDir = tempDataDir()
    const { stdout } = await cli(
      [
        'seed-statistics',
        '--meetings',
        '40',
        '--from',
        '2025-09-01',
        '--to',
        '2025-11-30',
        '--seed',
        '3',
        '--json',
      ],
      dataDir,
    )
    const created = SeedOutput.parse(JSON.parse(stdout))
    expect(created).toMatchObject({ shape: 'seed-000×40', seed: 3, from: '2025-09-01', to: '2025-11-30' })
    expect(created.meetings.held).toBe(40)
    const heldIn = (db: Database.Database) =>
      db
        .prepare(`SELECT count(*) FROM meeting_facts WHERE held_on BETWEEN '2025-09-01' AND '2025-11-30'`)
        .pluck()
        .get()
    const db = new Database(path.join(dataDir, 'sip-live.db'), { readonly: true })
    try {
      expect(heldIn(db)).toBe(40)
      // Staff accounts without a password: nobody signs in as an invented convener.
      expect(db.prepare('SELECT count(*) FROM users WHERE password_hash IS NOT NULL').pluck().get()).toBe(0)

      // The database now holds meetings that are not demo meetings: a second run refuses, writing nothing.
      const meetings = db.prepare('SELECT count(*) FROM meetings').pluck().get()
      await expect(cli(['seed-statistics', '--meetings', '40'], dataDir)).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('--into-existing'),
      })
      expect(db.prepare('SELECT count(*) FROM meetings').pluck().get()).toBe(meetings)
      const again = await cli(
        [
          'seed-statistics',
          '--meetings',
          '40',
          '--from',
          '2025-09-01',
          '--to',
          '2025-11-30',
          '--seed',
          '4',
          '--into-existing',
        ],
        dataDir,
      )
      expect(again.stdout).toContain('40 meetings held 2025-09-01 – 2025-11-30')
      expect(heldIn(db)).toBe(80)
    } finally {
      db.close()
    }

    const bad: [string[], string][] = [
      [['--meetings', '0'], '--meetings must be a whole number from 1 to 200000'],
      [['--seed', '1.5'], '--seed must be a whole number from 0 to 4294967295'],
      [['--shape', 'seed-999'], '--shape must be one of: seed-000'],
      [['--from', '2026-03-01'], '--from and --to go together'],
      [['--from', '2026-02-30', '--to', '2026-05-31'], '--from must be a date'],
      [['--from', '2026-05-01', '--to', '2026-03-01'], '--from to --to must span'],
    ]
    for (const [args, message] of bad) {
      await expect(cli(['seed-statistics', ...args], tempDataDir())).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining(message),
      })
    }
  }, 60_000)

  it('rejects a bad count with a clear message and a non-zero exit', async () => {
    await expect(cli(['demo', '--count', '0'], tempDataDir())).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--count must be a whole number'),
    })
  })
})
