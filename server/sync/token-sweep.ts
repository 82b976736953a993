import type { FastifyBaseLogger } from 'fastify'
import { type CloseCode, CloseCodes } from '../../shared/protocol'
import { errorSummary } from '../log'
import type { SyncConnection } from './connection'

export interface TokenSweepOptions {
  log: FastifyBaseLogger
  /**
   * Which of these link tokens are still valid (neither revoked nor expired). Without it only the
   * expiry each connection's principal carries is checked.
   */
  validTokens?: ((tokenIds: readonly number[], now: number) => Promise<ReadonlySet<number>>) | undefined
  intervalMs: number
}

/**
 * The open connections by the link token that opened them: revoking a link closes them at once
 * (A5), and every interval the sweep closes those whose link expired or was revoked by any other
 * means since they connected (A8). The interval is unref'd and stopped at shutdown.
 */
export class TokenSweep {
  private readonly byToken = new Map<number, Set<SyncConnection>>()
  private readonly timer: NodeJS.Timeout

  constructor(private readonly options: TokenSweepOptions) {
    this.timer = setInterval(() => void this.sweep(), options.intervalMs)
    this.timer.unref()
  }

  add(conn: SyncConnection): void {
    let conns = this.byToken.get(conn.principal.tokenId)
    if (!conns) {
      conns = new Set()
      this.byToken.set(conn.principal.tokenId, conns)
    }
    conns.add(conn)
  }

  remove(conn: SyncConnection): void {
    const conns = this.byToken.get(conn.principal.tokenId)
    conns?.delete(conn)
    if (conns?.size === 0) this.byToken.delete(conn.principal.tokenId)
  }

  /** Closes every connection opened with this token (A5). Returns how many. */
  closeToken(tokenId: number, closeCode: CloseCode = CloseCodes.unauthorized): number {
    const conns = [...(this.byToken.get(tokenId) ?? [])]
    for (const conn of conns) conn.close(closeCode)
    return conns.length
  }

  /** A8: closes, with unauthorized, the connections of expired or revoked links. Returns how many. */
  async sweep(now = Date.now()): Promise<number> {
    const ids = [...this.byToken.keys()]
    if (ids.length === 0) return 0
    let valid: ReadonlySet<number> | undefined
    try {
      valid = await this.options.validTokens?.(ids, now)
    } catch (error) {
      // The database is unreachable: keep the expiry check, try the rest next time.
      this.options.log.warn({ err: errorSummary(error) }, 'token sweep could not read the database')
    }
    // Only the links asked about: one whose first connection opened while the database answered
    // (a round trip on PostgreSQL) is not in its answer, and is not revoked for that.
    const asked = new Map<number, Set<SyncConnection>>()
    for (const id of ids) {
      const conns = this.byToken.get(id)
      if (conns) asked.set(id, conns)
    }
    let closed = 0
    for (const id of tokensToClose(asked, valid, now)) closed += this.closeToken(id)
    if (closed > 0) this.options.log.info({ closed }, 'closed connections of expired or revoked links')
    return closed
  }

  stop(): void {
    clearInterval(this.timer)
  }
}

/**
 * A8, the decision alone: the tokens whose connections must close – expired by the time a
 * connection carries, or (when the database answered) no longer among the valid ones.
 */
export function tokensToClose(
  byToken: ReadonlyMap<number, Iterable<{ principal: { expiresAt: number } }>>,
  valid: ReadonlySet<number> | undefined,
  now: number,
): number[] {
  const close: number[] = []
  for (const [id, conns] of byToken) {
    const expired = [...conns].some((conn) => conn.principal.expiresAt <= now)
    if (expired || (valid && !valid.has(id))) close.push(id)
  }
  return close
}
