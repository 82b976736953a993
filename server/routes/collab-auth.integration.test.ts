import fs from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { CloseCodes, SYNC_PATH } from '../../shared/protocol'
import { testEngine } from '../test/engine-access'
import { integrationFixture } from '../test/fixture'
import { createMeeting, storedDump, synced, type TestMeeting, upgradeStatus, waitFor } from '../test/harness'

let meeting: TestMeeting
const ALLOWED = 'https://sip.example.kommun.se'
const fixture = integrationFixture({ allowedOrigins: [ALLOWED] })

beforeEach(async () => {
  await fixture.start()
  meeting = await createMeeting(fixture.server.app)
})

function syncUrl(meetingId: string, token?: string, extra = ''): string {
  return `${fixture.server.wsUrl}${SYNC_PATH}/${meetingId}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}${extra}`
}

describe('A1: the token decides, before the upgrade', () => {
  it('a valid token upgrades', async () => {
    expect(await upgradeStatus(syncUrl(meeting.id, meeting.people.participant.token))).toBe(101)
  })

  it('a missing or unknown token is refused with 401', async () => {
    expect(await upgradeStatus(syncUrl(meeting.id))).toBe(401)
    expect(await upgradeStatus(syncUrl(meeting.id, 'x'.repeat(43)))).toBe(401)
    expect(await upgradeStatus(syncUrl(meeting.id, 'not a token'))).toBe(401)
  })

  it('a token for another meeting is refused with 403', async () => {
    const other = await createMeeting(fixture.server.app)
    expect(await upgradeStatus(syncUrl(meeting.id, other.people.chair.token))).toBe(403)
  })

  it('an expired token is refused with 401', async () => {
    const expired = await createMeeting(fixture.server.app, { ttlMs: -1000 })
    expect(await upgradeStatus(syncUrl(expired.id, expired.people.chair.token))).toBe(401)
  })

  it('a revoked token is refused with 401, and its open connections are closed with unauthorized', async () => {
    const guardian = fixture.client(meeting.id, meeting.people.guardian.token)
    await synced(guardian)
    let closed: { code: number } | undefined
    guardian.provider.on('closed', (event) => {
      closed = event
    })
    expect(await fixture.server.app.stores.tokens.revoke(meeting.people.guardian.tokenId)).toBe(true)
    expect(fixture.server.app.sync.closeToken(meeting.people.guardian.tokenId)).toBe(1)
    await waitFor(() => closed !== undefined, 'closed for good')
    expect(closed?.code).toBe(CloseCodes.unauthorized.code)
    expect(guardian.provider.shouldConnect).toBe(false)
    expect(await upgradeStatus(syncUrl(meeting.id, meeting.people.guardian.token))).toBe(401)
  })
})

describe('A2: origin', () => {
  it('a foreign Origin is refused with 403; the allowed one and none at all (non-browser clients) upgrade', async () => {
    const token = meeting.people.chair.token
    expect(await upgradeStatus(syncUrl(meeting.id, token), { Origin: 'https://evil.example' })).toBe(403)
    expect(await upgradeStatus(syncUrl(meeting.id, token), { Origin: ALLOWED })).toBe(101)
    expect(await upgradeStatus(syncUrl(meeting.id, token))).toBe(101)
  })
})

describe('S12: protocol version', () => {
  it('a client announcing another protocol version is closed with protocol-outdated and does not retry', async () => {
    const ws = new (await import('ws')).default(syncUrl(meeting.id, meeting.people.chair.token, '&v=0'))
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)))
    expect(code).toBe(CloseCodes.protocolOutdated.code)
    expect(CloseCodes.protocolOutdated.retry).toBe(false)
  })
})

describe('A4: secrets stay secret', () => {
  it('no token or plan text is written to the logs, and the database holds only token hashes', async () => {
    const notetaker = fixture.client(meeting.id, meeting.people.notetaker.token)
    await synced(notetaker)
    notetaker.doc.getText('t').insert(0, 'HEMLIG-PLANTEXT')
    await upgradeStatus(syncUrl(meeting.id, 'y'.repeat(43)))
    await upgradeStatus(syncUrl(meeting.id, meeting.people.chair.token), { Origin: 'https://evil.example' })
    // Paths nobody serves, and an upgrade to a plain HTTP route: the framework's own messages too.
    const secret = meeting.people.guardian.token
    await fetch(`${fixture.server.url}/collab?token=${secret}`)
    await fetch(`${fixture.server.url}/api/nothing?token=${secret}`)
    await upgradeStatus(`${fixture.server.wsUrl}/healthz?token=${secret}`)
    await waitFor(
      () => fixture.server.logs.some((l) => l.includes('sync upgrade refused')),
      'refusals logged',
    )
    await fixture.server.app.sync.flush()

    const logs = fixture.server.logs.join('\n')
    expect(logs).toContain('/collab/')
    for (const person of Object.values(meeting.people)) expect(logs).not.toContain(person.token)
    expect(logs).not.toContain('y'.repeat(43))
    expect(logs).not.toContain('HEMLIG-PLANTEXT')

    // What is stored: the SQLite file's raw bytes (latin1 keeps every byte), or every table's rows.
    let stored: string
    if (testEngine() === 'sqlite') {
      fixture.server.app.db.pragma('wal_checkpoint(TRUNCATE)')
      stored = fs.readFileSync(path.join(fixture.server.dataDir, 'sip-live.db')).toString('latin1')
    } else {
      stored = await storedDump(fixture.server.app)
    }
    for (const person of Object.values(meeting.people)) expect(stored).not.toContain(person.token)
  })
})
