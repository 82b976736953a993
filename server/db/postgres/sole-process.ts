import type pg from 'pg'
import { PostgresStartupError } from './engine'

/** The advisory lock a process holds on its database while it is the only one serving it. */
export const SOLE_PROCESS_LOCK_KEY = 0x5349_5031

/**
 * Until processes tell each other about the meetings they hold (Redis, issue 16), one process only
 * may serve a PostgreSQL database: two would each hold a meeting's live document without seeing the
 * other's updates, and one's compaction could replace rows the other stored with a snapshot that
 * lacks them. Holds a session-level advisory lock on a connection of its own for the process's
 * lifetime; a second process is refused at start, naming why. `release` gives it back.
 */
export async function holdSoleProcessLock(
  pool: pg.Pool,
  target: string,
): Promise<{ release(): Promise<void> }> {
  const client = await pool.connect()
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      SOLE_PROCESS_LOCK_KEY,
    ])
    if (!rows[0]?.locked) {
      throw new PostgresStartupError(
        `another SIP Live process is serving ${target}: without SIP_REDIS_URL only one process may`,
      )
    }
  } catch (error) {
    client.release(true)
    throw error
  }
  return {
    async release() {
      try {
        await client.query('SELECT pg_advisory_unlock($1)', [SOLE_PROCESS_LOCK_KEY])
      } finally {
        client.release(true)
      }
    },
  }
}
