import type { WebSocket } from 'ws'
import { MESSAGE_BURST, MESSAGE_RATE_PER_SECOND } from '../../shared/limits'
import { type CloseCode, CloseCodes } from '../../shared/protocol'
import { canWrite } from '../../shared/roles'
import type { Principal } from '../db/access-tokens'
import { TokenBucket } from './rate-limit'

let nextConnectionId = 1

/**
 * One client socket. Its role – and so whether it may write – is fixed here, from the token that
 * opened it; nothing the client sends can change it.
 */
export class SyncConnection {
  readonly id = nextConnectionId++
  readonly writable: boolean
  readonly rate = new TokenBucket(MESSAGE_RATE_PER_SECOND, MESSAGE_BURST)
  /** The one Yjs client id this connection may use in presence; pinned on its first awareness message. */
  awarenessId: number | undefined
  /** Sent a read-only notice already (once per connection is enough). */
  toldReadOnly = false
  alive = true
  private closed = false

  constructor(
    readonly socket: WebSocket,
    readonly principal: Principal,
  ) {
    this.writable = canWrite(principal.role)
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN
  }

  send(frame: Uint8Array): void {
    if (!this.isOpen) return
    this.socket.send(frame, { binary: true })
  }

  /** Ends this connection with a named close code. Idempotent. */
  close(closeCode: CloseCode = CloseCodes.goingAway): void {
    if (this.closed) return
    this.closed = true
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(closeCode.code, closeCode.reason)
    }
  }

  get isClosed(): boolean {
    return this.closed
  }
}
