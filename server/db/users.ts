import { randomUUID } from 'node:crypto'
import type { Db } from './connection'

export interface UserRow {
  id: string
  email: string
  name: string
  isAdmin: boolean
  disabledAt: number | null
  createdAt: number
}

export interface NewUser {
  email: string
  name: string
  /** From server/auth/passwords.ts; null for an account without password sign-in. */
  passwordHash: string | null
  isAdmin: boolean
}

type RawUser = Omit<UserRow, 'isAdmin'> & { isAdmin: number }

const COLUMNS = `id, email, name, is_admin AS isAdmin, disabled_at AS disabledAt, created_at AS createdAt`

function toRow(raw: RawUser | undefined): UserRow | undefined {
  return raw && { ...raw, isAdmin: raw.isAdmin === 1 }
}

/** Staff accounts. */
export function userStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO users (id, email, name, password_hash, is_admin, created_at)
     VALUES (@id, @email, @name, @passwordHash, @isAdmin, @createdAt)`,
  )
  const byId = db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`)
  const byEmail = db.prepare(`SELECT ${COLUMNS}, password_hash AS passwordHash FROM users WHERE email = ?`)
  const list = db.prepare(`SELECT ${COLUMNS} FROM users ORDER BY name COLLATE NOCASE, created_at`)
  const setDisabled = db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?')
  const count = db.prepare('SELECT count(*) FROM users').pluck()

  return {
    count(): number {
      return count.get() as number
    },

    /** Throws SQLITE_CONSTRAINT_UNIQUE when the e-mail address is taken (see isUniqueViolation). */
    create(input: NewUser, now = Date.now()): UserRow {
      const row = { id: randomUUID(), ...input, isAdmin: input.isAdmin ? 1 : 0, createdAt: now }
      insert.run(row)
      return {
        id: row.id,
        email: input.email,
        name: input.name,
        isAdmin: input.isAdmin,
        disabledAt: null,
        createdAt: now,
      }
    },

    byId(id: string): UserRow | undefined {
      return toRow(byId.get(id) as RawUser | undefined)
    },

    /** With the stored password hash: for sign-in only. */
    byEmail(email: string): (UserRow & { passwordHash: string | null }) | undefined {
      const raw = byEmail.get(email) as (RawUser & { passwordHash: string | null }) | undefined
      return raw && { ...raw, isAdmin: raw.isAdmin === 1 }
    },

    list(): UserRow[] {
      return (list.all() as RawUser[]).map((raw) => toRow(raw)!)
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
