import type { Db } from './connection'

export interface StoredDocument {
  /** The snapshot and every update after it, in the order they were stored. */
  parts: Uint8Array[]
  /** Id of the last stored update (or the snapshot's upto id); 0 for a new document. */
  lastUpdateId: number
  /** Bytes of the snapshot plus the updates: what counts against MAX_DOCUMENT_BYTES. */
  bytes: number
  /** Rows and bytes written since the snapshot: what triggers compaction. */
  rowsSinceSnapshot: number
  bytesSinceSnapshot: number
  /** The meeting's head: how many updates were appended to it (0 for none), in the same read. */
  seq: number
  /** The head is frozen (a locked or finalized plan): appends are refused. */
  frozen: boolean
}

export interface PendingUpdate {
  meetingId: string
  data: Uint8Array
}

/**
 * What one appended update became: its row id and its meeting's seq after it – or `frozen`, not
 * stored, because its meeting's plan was locked first (G2, whichever process locked it).
 */
export type Appended = { id: number; seq: number } | 'frozen'

/** The head of each of these meetings that has one: its seq and whether it is frozen. */
export type DocumentHeads = Map<string, { seq: number; frozen: boolean }>

/**
 * The Yjs document log. Updates are appended (one transaction for a whole batch); compaction
 * replaces the snapshot and deletes the rows it covers in one transaction.
 *
 * Each meeting has a head row (`doc_heads`, migration 13): every append bumps its `seq` in the
 * append's own transaction, so appends of one meeting are taken one at a time – in id order – and
 * a process that holds the document can tell from the seq whether another process appended in
 * between (issue 16). A frozen head refuses appends: the lock's guarantee in the database (G2).
 */
export function documentStore(db: Db) {
  const selectSnapshot = db.prepare(
    'SELECT upto_update_id AS upto, data FROM doc_snapshots WHERE meeting_id = ?',
  )
  const selectUpdates = db.prepare(
    'SELECT id, data FROM doc_updates WHERE meeting_id = ? AND id > ? ORDER BY id',
  )
  const selectHead = db.prepare('SELECT seq, frozen FROM doc_heads WHERE meeting_id = ?')
  const bumpHead = db
    .prepare(
      `INSERT INTO doc_heads (meeting_id, seq) VALUES (?, 1)
       ON CONFLICT (meeting_id) DO UPDATE SET seq = seq + 1 WHERE frozen = 0
       RETURNING seq`,
    )
    .pluck()
  const setHeadFrozen = db.prepare(
    `INSERT INTO doc_heads (meeting_id, seq, frozen) VALUES (?, 0, ?)
     ON CONFLICT (meeting_id) DO UPDATE SET frozen = excluded.frozen WHERE doc_heads.frozen <> excluded.frozen`,
  )
  const insertUpdate = db.prepare('INSERT INTO doc_updates (meeting_id, data, created_at) VALUES (?, ?, ?)')
  // A snapshot never replaces one that covers more: the rows between were deleted with it (S8).
  const upsertSnapshot = db.prepare(
    `INSERT INTO doc_snapshots (meeting_id, upto_update_id, data, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (meeting_id) DO UPDATE SET upto_update_id = excluded.upto_update_id, data = excluded.data,
       created_at = excluded.created_at
     WHERE excluded.upto_update_id > doc_snapshots.upto_update_id`,
  )
  const deleteUpdatesUpTo = db.prepare('DELETE FROM doc_updates WHERE meeting_id = ? AND id <= ?')

  const appendBatch = db.transaction((batch: readonly PendingUpdate[], now: number): Appended[] => {
    const appended: Appended[] = []
    for (const update of batch) {
      const seq = bumpHead.get(update.meetingId) as number | undefined
      if (seq === undefined) {
        appended.push('frozen')
        continue
      }
      const id = Number(insertUpdate.run(update.meetingId, update.data, now).lastInsertRowid)
      appended.push({ id, seq })
    }
    return appended
  })

  const compactTx = db.transaction((meetingId: string, snapshot: Uint8Array, uptoId: number, now: number) => {
    upsertSnapshot.run(meetingId, uptoId, snapshot, now)
    deleteUpdatesUpTo.run(meetingId, uptoId)
  })

  const loadTx = db.transaction((meetingId: string, after: number): StoredDocument => {
    const head = selectHead.get(meetingId) as { seq: number; frozen: number } | undefined
    const stored = selectSnapshot.get(meetingId) as { upto: number; data: Buffer } | undefined
    const snapshot = stored && stored.upto > after ? stored : undefined
    const from = Math.max(after, stored?.upto ?? 0)
    const rows = selectUpdates.all(meetingId, from) as { id: number; data: Buffer }[]
    return storedDocument(snapshot, rows, from, head)
  })

  return {
    /**
     * The meeting's document: the snapshot and the rows after it, and its head, in one read. With
     * `after` – a document holding every row up to that id already – only what it lacks: the
     * snapshot if it covers more, then the rows after both (catching up, issue 16).
     */
    load(meetingId: string, after = 0): StoredDocument {
      return loadTx(meetingId, after)
    },

    /**
     * Appends a batch of updates, across meetings, in one transaction: one answer per update, in
     * the batch's order – its id and seq, or `frozen` (G2).
     */
    append(batch: readonly PendingUpdate[], now = Date.now()): Appended[] {
      return appendBatch.immediate(batch, now)
    },

    /**
     * G1, G6, G7: freezes the meeting's head (a lock) or lets it take appends again (an unlock).
     * False if it was so already: a lock that finds the head frozen came second (C5).
     */
    setFrozen(meetingId: string, frozen: boolean): boolean {
      return setHeadFrozen.run(meetingId, frozen ? 1 : 0).changes > 0
    },

    /** The heads of these meetings (those that have one): cheap to ask every few seconds. */
    heads(meetingIds: readonly string[]): DocumentHeads {
      const heads: DocumentHeads = new Map()
      for (const meetingId of meetingIds) {
        const head = selectHead.get(meetingId) as { seq: number; frozen: number } | undefined
        if (head) heads.set(meetingId, { seq: head.seq, frozen: head.frozen === 1 })
      }
      return heads
    },

    /**
     * Replaces the snapshot with one covering every update up to `uptoId`, and deletes those rows –
     * unless a snapshot covering more is stored already (another process compacted later, S8).
     */
    compact(meetingId: string, snapshot: Uint8Array, uptoId: number, now = Date.now()): void {
      compactTx.immediate(meetingId, snapshot, uptoId, now)
    },
  }
}

/** A meeting nothing was stored for, as load answers it. */
export const EMPTY_DOCUMENT: Readonly<StoredDocument> = Object.freeze({
  parts: [],
  lastUpdateId: 0,
  bytes: 0,
  rowsSinceSnapshot: 0,
  bytesSinceSnapshot: 0,
  seq: 0,
  frozen: false,
})

/** A load's answer from its rows: both engines read the same parts and count them alike. */
export function storedDocument(
  snapshot: { upto: number; data: Uint8Array } | undefined,
  rows: readonly { id: number; data: Uint8Array }[],
  from: number,
  head: { seq: number; frozen: number | boolean } | undefined,
): StoredDocument {
  const parts: Uint8Array[] = snapshot ? [snapshot.data] : []
  let bytesSinceSnapshot = 0
  for (const row of rows) {
    parts.push(row.data)
    bytesSinceSnapshot += row.data.byteLength
  }
  return {
    parts,
    lastUpdateId: rows.length > 0 ? rows[rows.length - 1]!.id : (snapshot?.upto ?? from),
    bytes: (snapshot?.data.byteLength ?? 0) + bytesSinceSnapshot,
    rowsSinceSnapshot: rows.length,
    bytesSinceSnapshot,
    seq: head?.seq ?? 0,
    frozen: head !== undefined && (head.frozen === true || head.frozen === 1),
  }
}

export type DocumentStore = ReturnType<typeof documentStore>
