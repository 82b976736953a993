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
}

export interface PendingUpdate {
  meetingId: string
  data: Uint8Array
}

/**
 * The Yjs document log. Updates are appended (one transaction for a whole batch); compaction
 * replaces the snapshot and deletes the rows it covers in one transaction.
 */
export function documentStore(db: Db) {
  const selectSnapshot = db.prepare(
    'SELECT upto_update_id AS upto, data FROM doc_snapshots WHERE meeting_id = ?',
  )
  const selectUpdates = db.prepare(
    'SELECT id, data FROM doc_updates WHERE meeting_id = ? AND id > ? ORDER BY id',
  )
  const insertUpdate = db.prepare('INSERT INTO doc_updates (meeting_id, data, created_at) VALUES (?, ?, ?)')
  const upsertSnapshot = db.prepare(
    `INSERT INTO doc_snapshots (meeting_id, upto_update_id, data, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (meeting_id) DO UPDATE SET upto_update_id = excluded.upto_update_id, data = excluded.data,
       created_at = excluded.created_at`,
  )
  const deleteUpdatesUpTo = db.prepare('DELETE FROM doc_updates WHERE meeting_id = ? AND id <= ?')

  const appendBatch = db.transaction((batch: readonly PendingUpdate[], now: number): number[] => {
    const ids: number[] = []
    for (const update of batch) {
      ids.push(Number(insertUpdate.run(update.meetingId, update.data, now).lastInsertRowid))
    }
    return ids
  })

  const compactTx = db.transaction((meetingId: string, snapshot: Uint8Array, uptoId: number, now: number) => {
    upsertSnapshot.run(meetingId, uptoId, snapshot, now)
    deleteUpdatesUpTo.run(meetingId, uptoId)
  })

  return {
    load(meetingId: string): StoredDocument {
      const snapshot = selectSnapshot.get(meetingId) as { upto: number; data: Buffer } | undefined
      const upto = snapshot?.upto ?? 0
      const rows = selectUpdates.all(meetingId, upto) as { id: number; data: Buffer }[]
      const parts: Uint8Array[] = snapshot ? [snapshot.data] : []
      let bytesSinceSnapshot = 0
      for (const row of rows) {
        parts.push(row.data)
        bytesSinceSnapshot += row.data.byteLength
      }
      return {
        parts,
        lastUpdateId: rows.length > 0 ? rows[rows.length - 1]!.id : upto,
        bytes: (snapshot?.data.byteLength ?? 0) + bytesSinceSnapshot,
        rowsSinceSnapshot: rows.length,
        bytesSinceSnapshot,
      }
    },

    /** Appends a batch of updates, across meetings, in one transaction. Returns their ids in order. */
    append(batch: readonly PendingUpdate[], now = Date.now()): number[] {
      return appendBatch.immediate(batch, now)
    },

    /** Replaces the snapshot with one covering every update up to `uptoId`, and deletes those rows. */
    compact(meetingId: string, snapshot: Uint8Array, uptoId: number, now = Date.now()): void {
      compactTx.immediate(meetingId, snapshot, uptoId, now)
    },
  }
}

export type DocumentStore = ReturnType<typeof documentStore>
