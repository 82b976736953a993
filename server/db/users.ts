import { randomUUID } from 'node:crypto'
import type { Db } from './connection'

/** Where an account's holder works, and whether they may read the statistics (issue 14). */
export interface StaffProfile {
  /** A key of ORGANISATIONS, or '' when not set. */
  organisation: string
  function: string
  municipality: string
  statistics: boolean
}

export interface UserRow extends StaffProfile {
  id: string
  email: string
  name: string
  isAdmin: boolean
  disabledAt: number | null
  createdAt: number
}

export interface NewUser extends Partial<StaffProfile> {
  email: string
  name: string
  /** From server/auth/passwords.ts; null for an account without password sign-in. */
  passwordHash: string | null
  isAdmin: boolean
}

type RawUser = Omit<UserRow, 'isAdmin' | 'statistics'> & { isAdmin: number; statistics: number }

const COLUMNS = `id, email, name, is_admin AS isAdmin, disabled_at AS disabledAt, created_at AS createdAt,
  organisation, function, municipality, statistics`

function toRow(raw: RawUser | undefined): UserRow | undefined {
  return raw && { ...raw, isAdmin: raw.isAdmin === 1, statistics: raw.statistics === 1 }
}

/** Staff accounts. */
export function userStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO users (id, email, name, password_hash, is_admin, created_at, organisation, function,
       municipality, statistics)
     VALUES (@id, @email, @name, @passwordHash, @isAdmin, @createdAt, @organisation, @function, @municipality,
       @statistics)`,
  )
  const byId = db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`)
  const byEmail = db.prepare(`SELECT ${COLUMNS}, password_hash AS passwordHash FROM users WHERE email = ?`)
  const list = db.prepare(`SELECT ${COLUMNS} FROM users ORDER BY name COLLATE NOCASE, created_at`)
  const setDisabled = db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?')
  const setProfile = db.prepare(
    `UPDATE users SET organisation = @organisation, function = @function, municipality = @municipality,
       statistics = @statistics WHERE id = @id`,
  )
  const count = db.prepare('SELECT count(*) FROM users').pluck()

  return {
    count(): number {
      return count.get() as number
    },

    /** Throws SQLITE_CONSTRAINT_UNIQUE when the e-mail address is taken (see isUniqueViolation). */
    create(input: NewUser, now = Date.now()): UserRow {
      const profile: StaffProfile = {
        organisation: input.organisation ?? '',
        function: input.function ?? '',
        municipality: input.municipality ?? '',
        statistics: input.statistics ?? false,
      }
      const row = { id: randomUUID(), createdAt: now }
      insert.run({
        ...row,
        email: input.email,
        name: input.name,
        passwordHash: input.passwordHash,
        isAdmin: input.isAdmin ? 1 : 0,
        ...profile,
        statistics: profile.statistics ? 1 : 0,
      })
      return {
        ...row,
        email: input.email,
        name: input.name,
        isAdmin: input.isAdmin,
        disabledAt: null,
        ...profile,
      }
    },

    byId(id: string): UserRow | undefined {
      return toRow(byId.get(id) as RawUser | undefined)
    },

    /** With the stored password hash: for sign-in only. */
    byEmail(email: string): (UserRow & { passwordHash: string | null }) | undefined {
      const raw = byEmail.get(email) as (RawUser & { passwordHash: string | null }) | undefined
      return raw && { ...toRow(raw)!, passwordHash: raw.passwordHash }
    },

    list(): UserRow[] {
      return (list.all() as RawUser[]).map((raw) => toRow(raw)!)
    },

    /** Changes the account's organisation, function, municipality and statistics permission. */
    setProfile(id: string, profile: StaffProfile): UserRow | undefined {
      setProfile.run({ id, ...profile, statistics: profile.statistics ? 1 : 0 })
      return this.byId(id)
    },

    setDisabled(id: string, disabled: boolean, now = Date.now()): UserRow | undefined {
      const current = this.byId(id)
      if (!current || (current.disabledAt !== null) === disabled) return current
      setDisabled.run(disabled ? now : null, id)
      return this.byId(id)
    },
  }
}

export type UserStore = ReturnType<typeof userStore>

/** better-sqlite3's error for a UNIQUE constraint (e.g. an e-mail address that is taken). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE'
}
