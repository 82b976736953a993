import type pg from 'pg'
import { PostgresStartupError } from './engine'

/** The advisory lock a process holds on its database while it is the only one serving it. */
export const SOLE_PROCESS_LOCK_KEY = 0x5349_5031

/**
 * Processes that do not tell each other about the meetings they hold (no SIP_REDIS_URL) must be
 * alone on their database: two would each hold a meeting's live document without seeing the
 * other's updates, and one's compaction could replace rows the other stored with a snapshot that
 * lacks them. Such a process holds the advisory lock exclusively; the processes of a cluster (with
 * Redis, issue 16) hold it shared – any number of them, but never beside a lone one. Held on a
 * connection of its own for the process's lifetime; a process that cannot take it is refused at
 * start, naming why. `release` gives it back.
 */
export async function holdSoleProcessLock(
  pool: pg.Pool,
  target: string,
  { cluster = false }: { cluster?: boolean } = {},
): Promise<{ release(): Promise<void> }> {
  const client = await pool.connect()
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      cluster
        ? 'SELECT pg_try_advisory_lock_shared($1) AS locked'
        : 'SELECT pg_try_advisory_lock($1) AS locked',
      [SOLE_PROCESS_LOCK_KEY],
    )
    if (!rows[0]?.locked) {
      throw new PostgresStartupError(
        cluster
          ? `a SIP Live process without SIP_REDIS_URL is serving ${target}: stop it, or start it with SIP_REDIS_URL too`
          : `another SIP Live process is serving ${target}: without SIP_REDIS_URL only one process may`,
      )
    }
  } catch (error) {
    client.release(true)
    throw error
  }
  return {
    async release() {
      try {
        await client.query(
          cluster ? 'SELECT pg_advisory_unlock_shared($1)' : 'SELECT pg_advisory_unlock($1)',
          [SOLE_PROCESS_LOCK_KEY],
        )
      } finally {
        client.release(true)
      }
    },
  }
}
