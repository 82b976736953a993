import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { tempDataDir } from '../test/harness'
import { openDatabase } from './connection'
import { meetingStore } from './meetings'
import { MIGRATIONS } from './migrations'
import { participantStore } from './participants'

describe('migrations', () => {
  it('2 brings a database with version-1 data up to date: organisations become keys, free text is kept', () => {
    const file = path.join(tempDataDir(), 'sip-live.db')
    const old = new Database(file)
    old.exec(MIGRATIONS[0]!.sql)
    old.pragma('user_version = 1')
    old
      .prepare(
        "INSERT INTO meetings (id, title, child_name, starts_at, created_at) VALUES ('m', 'Demo', 'Elsa', NULL, 5)",
      )
      .run()
    const insert = old.prepare(
      "INSERT INTO participants (id, meeting_id, role, name, organisation, function, created_at) VALUES (?, 'm', ?, ?, ?, ?, 1)",
    )
    insert.run('p1', 'chair', 'Maja', 'Skola', 'rektor')
    insert.run('p2', 'participant', null, 'BUP', 'psykolog')
    insert.run('p3', 'participant', 'Kim', 'Fritids Solsidan', 'pedagog')
    old.close()

    const db = openDatabase({ file })
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    const rows = participantStore(db).ofMeeting('m')
    expect(rows.map((p) => [p.organisation, p.organisationOther, p.rsvp])).toEqual([
      ['skola', '', null],
      ['bup', '', null],
      ['annan', 'Fritids Solsidan', null],
    ])
    const meeting = db.prepare('SELECT starts_at, updated_at, status, type FROM meetings').get()
    expect(meeting).toEqual({ starts_at: 5, updated_at: 5, status: 'planned', type: 'first' })
    db.close()
  })

  it('7 gives every existing meeting an empty video link, and the store reads it', () => {
    const file = path.join(tempDataDir(), 'sip-live.db')
    const old = new Database(file)
    for (const migration of MIGRATIONS.filter((m) => m.version <= 6)) old.exec(migration.sql)
    old.pragma('user_version = 6')
    old
      .prepare(
        "INSERT INTO meetings (id, title, child_name, starts_at, created_at) VALUES ('m', 'Demo', 'Elsa', 5, 5)",
      )
      .run()
    old.close()

    const db = openDatabase({ file })
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(meetingStore(db).getMeeting('m')?.videoUrl).toBe('')
    db.close()
  })

  it('11 counts the statistics facts’ days as Sweden does, and keeps only a real follow-up date', () => {
    const file = path.join(tempDataDir(), 'sip-live.db')
    const old = new Database(file)
    for (const migration of MIGRATIONS.filter((m) => m.version <= 9)) old.exec(migration.sql)
    old.pragma('user_version = 9')
    // Held 00:30 on 1 April in Stockholm – still 31 March in UTC; invited 00:30 on 10 March.
    const startsAt = Date.parse('2026-03-31T22:30:00Z')
    const invitedAt = Date.parse('2026-03-09T23:30:00Z')
    old.prepare("INSERT INTO sips (id, child_name, created_at, updated_at) VALUES ('m', 'Elsa', 1, 1)").run()
    old
      .prepare(
        `INSERT INTO meetings (id, title, child_name, starts_at, created_at, status, finalized_at, sip_id)
         VALUES ('m', '', 'Elsa', ?, 1, 'finalized', ?, 'm')`,
      )
      .run(startsAt, startsAt + 3_600_000)
    old
      .prepare(
        `INSERT INTO participants (id, meeting_id, role, name, organisation, function, created_at)
         VALUES ('p', 'm', 'guardian', 'Sara', 'familj', 'vårdnadshavare', 1)`,
      )
      .run()
    old
      .prepare(
        `INSERT INTO access_tokens (token_hash, participant_id, meeting_id, expires_at, created_at)
         VALUES (x'01', 'p', 'm', ?, ?)`,
      )
      .run(startsAt * 2, invitedAt)
    old
      .prepare(
        `INSERT INTO plan_versions (meeting_id, number, hash, canonical_json, snapshot, locked_at, locked_by)
         VALUES ('m', 1, 'h', ?, x'00', 1, 'p')`,
      )
      .run(JSON.stringify({ attendance: { p: 'present' }, followUp: { date: 'v. 23' } }))
    old.close()

    const db = openDatabase({ file })
    expect(
      db.prepare('SELECT held_on, invited_on, follow_up_booked, follow_up_on FROM meeting_facts').get(),
    ).toEqual({ held_on: '2026-04-01', invited_on: '2026-03-10', follow_up_booked: 1, follow_up_on: null })
    db.close()
  })

  it('are numbered 1, 2, 3, … without a gap: a number is the version a database records', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })
})
