import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCodes } from '../../../shared/protocol'
import { AddedParticipantSchema } from '../../../shared/schemas/meeting'
import { MeetingStateSchema } from '../../../shared/schemas/signoff'
import { testDatabase } from '../../test/engine-access'
import {
  api,
  CONSENT,
  connectClient,
  createUser,
  meetingInput,
  signIn,
  startServer,
  synced,
  type TestClient,
  type TestServer,
  tempDataDir,
  tokenOf,
  waitFor,
} from '../../test/harness'

/**
 * The app on PostgreSQL (SIP_DATABASE_URL, issue 16): one meeting as people live it – set-up, the
 * room, the lock, a restart – with every record in PostgreSQL, and the start-up refusals.
 */
const run = promisify(execFile)
const running: TestServer[] = []
const clients: TestClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const server of running.splice(0)) await server.close()
})

async function start(databaseUrl: string): Promise<TestServer> {
  const server = await startServer(tempDataDir(), { databaseUrl })
  running.push(server)
  return server
}

describe('the app on PostgreSQL', () => {
  it('a meeting: set up through the API, two people converge in the room, the lock refuses a late edit, and a restart keeps the plan', async () => {
    const { url } = await testDatabase({ migrated: true })
    let server = await start(url)
    expect(server.app.storage.engine).toBe('postgres')
    await createUser(server, { email: 'maja@skolan.se', name: 'Maja Lind' })
    const cookie = await signIn(server, 'maja@skolan.se')
    const created = await api<{ id: string }>(server, 'POST', '/api/meetings', {
      cookie,
      body: meetingInput(),
    })
    expect(created.status).toBe(201)
    const meetingId = created.body.id
    expect(
      (await api(server, 'PUT', `/api/meetings/${meetingId}/consent`, { cookie, body: CONSENT })).status,
    ).toBe(200)
    const add = async (body: Record<string, unknown>) => {
      const response = await api(server, 'POST', `/api/meetings/${meetingId}/participants`, { cookie, body })
      expect(response.status).toBe(201)
      return tokenOf(AddedParticipantSchema.parse(response.body).link.url)
    }
    const chair = await add({ role: 'chair', organisation: 'skola', function: 'rektor', name: 'Maja Lind' })
    const notetaker = await add({
      role: 'notetaker',
      organisation: 'elevhalsa',
      function: 'kurator',
      name: 'Amir',
    })
    const guardian = await add({
      role: 'guardian',
      organisation: 'familj',
      function: 'vårdnadshavare',
      name: 'Sara',
    })

    const writer = connectClient(server, meetingId, notetaker)
    const reader = connectClient(server, meetingId, guardian)
    clients.push(writer, reader)
    await Promise.all([synced(writer), synced(reader)])
    writer.doc.getText('t').insert(0, 'Elsa får stöd på morgnarna.')
    await waitFor(
      () => reader.doc.getText('t').toString() === 'Elsa får stöd på morgnarna.',
      'reader converges',
    )

    const locked = await api(server, 'POST', `/api/meetings/${meetingId}/plan/lock`, {
      headers: { Authorization: `Bearer ${chair}` },
    })
    expect(locked.status).toBe(201)
    expect(MeetingStateSchema.parse(locked.body).status).toBe('locked')
    writer.doc.getText('t').insert(0, 'SENT ')
    await waitFor(
      () => writer.closeEvents.some((e) => e.code === CloseCodes.planLocked.code),
      'the late edit is refused (4423)',
    )

    for (const c of clients.splice(0)) c.destroy()
    await server.close()
    running.splice(0)
    server = await start(url)
    const again = connectClient(server, meetingId, guardian)
    clients.push(again)
    await synced(again)
    await waitFor(
      () => again.doc.getText('t').toString() === 'Elsa får stöd på morgnarna.',
      'the plan survives',
    )
    const verified = await api<{ ok: boolean }>(server, 'GET', `/api/meetings/${meetingId}/plan/verify`, {
      headers: { Authorization: `Bearer ${guardian}` },
    })
    expect(verified.body.ok).toBe(true)

    // The operator CLI works on the same database beside the running server (SIP_DATABASE_URL).
    const cli = await run(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', 'verify', '--meeting', meetingId],
      {
        cwd: path.resolve(import.meta.dirname, '../../..'),
        env: { ...process.env, SIP_DATABASE_URL: url, SIP_DATA_DIR: tempDataDir() },
      },
    )
    expect(cli.stdout).toContain('hash of the stored canonical JSON: match')
  })

  it('a second process on the same database is refused at start, saying why (one process until Redis)', async () => {
    const { url } = await testDatabase({ migrated: true })
    await start(url)
    await expect(start(url)).rejects.toThrow(/another SIP Live process is serving .*SIP_REDIS_URL/)
  })

  it('an unreachable database fails the start with where it looked, never the password', async () => {
    const unreachable = 'postgres://sip:hemligt-lösen@127.0.0.1:1/sip'
    const error = await start(unreachable).then(
      () => undefined,
      (e: unknown) => e as Error,
    )
    expect(error?.message).toMatch(/127\.0\.0\.1/)
    expect(error?.message).not.toContain('hemligt-lösen')
  })
})
