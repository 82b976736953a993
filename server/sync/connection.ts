import type { WebSocket } from 'ws'
import {
  INBOUND_UPDATE_BYTES_BURST,
  INBOUND_UPDATE_BYTES_PER_SECOND,
  MAX_BUFFERED_BYTES,
  MESSAGE_BURST,
  MESSAGE_RATE_PER_SECOND,
  SYNC_STEP1_BURST,
  SYNC_STEP1_RATE_PER_SECOND,
} from '../../shared/limits'
import { type CloseCode, CloseCodes } from '../../shared/protocol'
import { canWrite } from '../../shared/roles'
import type { Principal } from '../auth/principal'
import type { OutboundBudget } from './outbound'
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
  /** SyncStep1 answers cost a whole-document encoding: they have a budget of their own. */
  readonly step1Rate = new TokenBucket(SYNC_STEP1_RATE_PER_SECOND, SYNC_STEP1_BURST)
  /** Update bytes: applying or checking an update costs work in proportion to its size (S10). */
  readonly updateBytes = new TokenBucket(INBOUND_UPDATE_BYTES_PER_SECOND, INBOUND_UPDATE_BYTES_BURST)
  /** Has sent its SyncStep2 – the reply to ours on connect; a locked room allows one (G2a). */
  sentStep2 = false
  /** The process-wide budget of queued bytes this connection counts against (S14); set on attach. */
  outbound: OutboundBudget | undefined
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

  /**
   * Queues a frame. A client that stops reading would make the server hold every frame for it;
   * past MAX_BUFFERED_BYTES it is disconnected (it reconnects and syncs afresh).
   */
  send(frame: Uint8Array): void {
    if (!this.isOpen) return
    if (this.socket.bufferedAmount + frame.byteLength > MAX_BUFFERED_BYTES) {
      this.cutOff(CloseCodes.slowConsumer)
      return
    }
    this.socket.send(frame, { binary: true })
    this.outbound?.queued(this)
  }

  /** Bytes queued on this socket and not yet written to the network. */
  get bufferedBytes(): number {
    return this.socket.bufferedAmount
  }

  /**
   * Ends a connection whose client does not read: the close frame is sent for the record, and the
   * socket is destroyed at once, so what was queued for it is freed now (a polite close would keep
   * it until the client read it, or the close timed out).
   */
  cutOff(closeCode: CloseCode): void {
    this.close(closeCode)
    this.socket.terminate()
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
