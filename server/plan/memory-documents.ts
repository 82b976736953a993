import * as Y from 'yjs'
import type { MeetingState } from '../../shared/schemas/signoff'
import { type PlanDocuments, PlanFrozenError } from './document-port'

/**
 * PlanDocuments in memory, for the services' unit tests: one Y.Doc per meeting, loaded from what is
 * stored the first time it is asked for (as the sync core loads a room), and a record of every
 * state pushed and every socket closed. `failFreeze` makes the next freezes fail as a full disk
 * would: the plan stays open.
 */
export class MemoryPlanDocuments implements PlanDocuments {
  readonly docs = new Map<string, Y.Doc>()
  readonly frozen = new Set<string>()
  readonly pushed: { meetingId: string; state: MeetingState }[] = []
  readonly disconnected: { tokenIds: number[]; why: 'revoked' | 'reconnect' }[] = []
  failFreeze = false

  constructor(private readonly stored: (meetingId: string) => readonly Uint8Array[] = () => []) {}

  /** The meeting's live document. */
  doc(meetingId: string): Y.Doc {
    let doc = this.docs.get(meetingId)
    if (!doc) {
      doc = new Y.Doc()
      for (const part of this.stored(meetingId)) Y.applyUpdate(doc, part)
      this.docs.set(meetingId, doc)
    }
    return doc
  }

  async freeze(meetingId: string, lastChange?: (doc: Y.Doc) => void): Promise<Y.Doc> {
    if (this.frozen.has(meetingId)) throw new PlanFrozenError()
    const doc = this.doc(meetingId)
    if (lastChange) doc.transact(() => lastChange(doc))
    if (this.failFreeze) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
    this.frozen.add(meetingId)
    return doc
  }

  async seal(meetingId: string): Promise<Y.Doc> {
    if (!this.frozen.has(meetingId)) throw new Error('seal before freeze')
    return this.doc(meetingId)
  }

  thaw(meetingId: string): void {
    this.frozen.delete(meetingId)
  }

  pushState(meetingId: string, state: MeetingState): void {
    this.pushed.push({ meetingId, state })
  }

  async change(meetingId: string, fn: (doc: Y.Doc) => void): Promise<boolean> {
    if (this.frozen.has(meetingId)) return false
    const doc = this.doc(meetingId)
    doc.transact(() => fn(doc))
    return true
  }

  disconnect(tokenIds: readonly number[], why: 'revoked' | 'reconnect'): void {
    this.disconnected.push({ tokenIds: [...tokenIds], why })
  }
}
