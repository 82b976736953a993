import type { Stores } from '../contract'
import type { StoredDocument } from '../documents'
import type { PostgresEngine } from './engine'

/**
 * server/db/documents.ts on PostgreSQL, for one process: the snapshot and the updates after it are
 * read by one statement (one view of the data: a compaction in between cannot make rows go
 * missing), a batch is appended by one statement, and compaction replaces the
 * snapshot and deletes the rows it covers in one transaction.
 */
export function postgresDocumentStore(db: PostgresEngine): Stores['documents'] {
  return {
    async load(meetingId) {
      // The snapshot (part 0, id = its upto) first, then the updates after it in id order.
      const rows = await db.query<{ part: number; id: number; data: Buffer }>(
        `WITH snapshot AS (SELECT upto_update_id, data FROM doc_snapshots WHERE meeting_id = $1)
         SELECT 0 AS part, upto_update_id AS id, data FROM snapshot
         UNION ALL
         SELECT 1 AS part, u.id, u.data FROM doc_updates u
         WHERE u.meeting_id = $1 AND u.id > coalesce((SELECT upto_update_id FROM snapshot), 0)
         ORDER BY part, id`,
        [meetingId],
      )
      const snapshot = rows[0]?.part === 0 ? rows[0] : undefined
      const updates = snapshot ? rows.slice(1) : rows
      let bytesSinceSnapshot = 0
      for (const row of updates) bytesSinceSnapshot += row.data.byteLength
      const document: StoredDocument = {
        parts: rows.map((row) => row.data),
        lastUpdateId: rows.length > 0 ? rows[rows.length - 1]!.id : 0,
        bytes: (snapshot?.data.byteLength ?? 0) + bytesSinceSnapshot,
        rowsSinceSnapshot: updates.length,
        bytesSinceSnapshot,
      }
      return document
    },

    async append(batch, now = Date.now()) {
      if (batch.length === 0) return []
      // One statement: the whole batch or nothing. Ids are drawn in the order the rows are
      // inserted, the batch's order.
      const rows = await db.query<{ id: number }>(
        `INSERT INTO doc_updates (meeting_id, data, created_at)
         SELECT u.meeting_id, u.data, $3 FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS u(meeting_id, data, n)
         ORDER BY u.n
         RETURNING id`,
        [batch.map((update) => update.meetingId), batch.map((update) => update.data), now],
      )
      return rows.map((row) => row.id).sort((a, b) => a - b)
    },

    async compact(meetingId, snapshot, uptoId, now = Date.now()) {
      await db.transaction(async () => {
        await db.query(
          `INSERT INTO doc_snapshots (meeting_id, upto_update_id, data, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (meeting_id) DO UPDATE SET upto_update_id = excluded.upto_update_id, data = excluded.data,
             created_at = excluded.created_at`,
          [meetingId, uptoId, snapshot, now],
        )
        await db.query('DELETE FROM doc_updates WHERE meeting_id = $1 AND id <= $2', [meetingId, uptoId])
      })
    },
  }
}
