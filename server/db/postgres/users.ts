import { randomUUID } from 'node:crypto'
import type { Stores } from '../contract'
import type { StaffProfile, UserRow } from '../users'
import type { PostgresEngine } from './engine'

type RawUser = Omit<UserRow, 'isAdmin' | 'statistics'> & { isAdmin: number; statistics: number }

const COLUMNS = `id, email, name, is_admin AS "isAdmin", disabled_at AS "disabledAt", created_at AS "createdAt",
  organisation, function, municipality, statistics`

function toRow(raw: RawUser | undefined): UserRow | undefined {
  return raw && { ...raw, isAdmin: raw.isAdmin === 1, statistics: raw.statistics === 1 }
}

/**
 * server/db/users.ts on PostgreSQL. SQLite's `email … COLLATE NOCASE` is the unique index on
 * lower(email) (schema-1.ts): a look-up says lower(email) = lower($1) to use it. The list's
 * `ORDER BY name COLLATE NOCASE` is lower() of the name in the "C" collation: ASCII letters folded,
 * then byte (code point) order – NOCASE exactly, whatever the database's locale.
 */
export function postgresUserStore(db: PostgresEngine): Stores['users'] {
  const byId = async (id: string): Promise<UserRow | undefined> =>
    toRow((await db.query<RawUser>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]))[0])

  return {
    async count() {
      return (await db.query<{ n: number }>('SELECT count(*) AS n FROM users'))[0]!.n
    },

    /** Throws PostgreSQL's unique violation (23505) when the e-mail address is taken. */
    async create(input, now = Date.now()) {
      const profile: StaffProfile = {
        organisation: input.organisation ?? '',
        function: input.function ?? '',
        municipality: input.municipality ?? '',
        statistics: input.statistics ?? false,
      }
      const row = { id: randomUUID(), createdAt: now }
      await db.query(
        `INSERT INTO users (id, email, name, password_hash, is_admin, created_at, organisation, function,
           municipality, statistics)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          row.id,
          input.email,
          input.name,
          input.passwordHash,
          input.isAdmin ? 1 : 0,
          now,
          profile.organisation,
          profile.function,
          profile.municipality,
          profile.statistics ? 1 : 0,
        ],
      )
      return {
        ...row,
        email: input.email,
        name: input.name,
        isAdmin: input.isAdmin,
        disabledAt: null,
        ...profile,
      }
    },

    byId,

    async byEmail(email) {
      const [raw] = await db.query<RawUser & { passwordHash: string | null }>(
        `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE lower(email) = lower($1)`,
        [email],
      )
      return raw && { ...toRow(raw)!, passwordHash: raw.passwordHash }
    },

    async list() {
      const rows = await db.query<RawUser>(
        `SELECT ${COLUMNS} FROM users ORDER BY lower(name COLLATE "C"), created_at`,
      )
      return rows.map((raw) => toRow(raw)!)
    },

    async setProfile(id, profile) {
      await db.query(
        `UPDATE users SET organisation = $2, function = $3, municipality = $4, statistics = $5 WHERE id = $1`,
        [id, profile.organisation, profile.function, profile.municipality, profile.statistics ? 1 : 0],
      )
      return byId(id)
    },

    async setDisabled(id, disabled, now = Date.now()) {
      // One statement: an account already in that state keeps its disabled_at (as SQLite's read-then-write).
      await db.query('UPDATE users SET disabled_at = $1 WHERE id = $2 AND (disabled_at IS NOT NULL) <> $3', [
        disabled ? now : null,
        id,
        disabled,
      ])
      return byId(id)
    },
  }
}
