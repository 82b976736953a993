import type { Stores } from '../contract'
import { type Appended, type DocumentHeads, storedDocument } from '../documents'
import type { PostgresEngine } from './engine'

/**
 * server/db/documents.ts on PostgreSQL. A load reads the head, the snapshot and the updates after
 * it in one statement (one view of the data: a compaction or an append in between cannot make
 * rows go missing or the seq disagree with the rows). A batch is appended by one statement, which
 * first bumps each meeting's head row – its row lock is held to the commit – and only then draws
 * the rows' ids: appends of one meeting commit in id order, so a reader that has every row up to
 * an id misses nothing by reading the rows after it (issue 16). A frozen head takes no append.
 */
export function postgresDocumentStore(db: PostgresEngine): Stores['documents'] {
  return {
    async load(meetingId, after = 0) {
      // Part 0: the head (seq, frozen); part 1: the snapshot, if it covers more than `after`;
      // part 2: the updates after both, in id order.
      const rows = await db.query<{ part: number; id: number; data: Buffer | null; frozen: number | null }>(
        `WITH snapshot AS (
           SELECT upto_update_id, data FROM doc_snapshots WHERE meeting_id = $1 AND upto_update_id > $2)
         SELECT 0 AS part, seq AS id, NULL::bytea AS data, frozen FROM doc_heads WHERE meeting_id = $1
         UNION ALL
         SELECT 1, upto_update_id, data, NULL FROM snapshot
         UNION ALL
         SELECT 2, u.id, u.data, NULL FROM doc_updates u
          WHERE u.meeting_id = $1 AND u.id > greatest($2, coalesce((SELECT upto_update_id FROM snapshot), 0))
         ORDER BY part, id`,
        [meetingId, after],
      )
      const head = rows[0]?.part === 0 ? rows[0] : undefined
      const found = rows.find((row) => row.part === 1)
      const snapshot = found ? { upto: found.id, data: found.data! } : undefined
      const updates = rows.filter((row) => row.part === 2).map((row) => ({ id: row.id, data: row.data! }))
      return storedDocument(
        snapshot,
        updates,
        Math.max(after, snapshot?.upto ?? 0),
        head ? { seq: head.id, frozen: head.frozen ?? 0 } : undefined,
      )
    },

    async append(batch, now = Date.now()) {
      if (batch.length === 0) return []
      // One statement: the whole batch or nothing. The heads are bumped in meeting order (two
      // processes' batches never wait for each other in a circle), by as many rows as the batch
      // has for each; a frozen head returns nothing, and its rows are not inserted. Ids are drawn
      // after every head is held, in the batch's order.
      const rows = await db.query<{ id: number; meeting_id: string; seq: number }>(
        `WITH input AS (
           SELECT u.meeting_id, u.data, u.n
             FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS u(meeting_id, data, n)
         ), head AS (
           INSERT INTO doc_heads AS h (meeting_id, seq)
           SELECT meeting_id, count(*) FROM input GROUP BY meeting_id ORDER BY meeting_id
           ON CONFLICT (meeting_id) DO UPDATE SET seq = h.seq + excluded.seq WHERE h.frozen = 0
           RETURNING meeting_id, seq
         ), inserted AS (
           INSERT INTO doc_updates (meeting_id, data, created_at)
           SELECT input.meeting_id, input.data, $3 FROM input JOIN head USING (meeting_id) ORDER BY input.n
           RETURNING id, meeting_id
         )
         SELECT inserted.id, inserted.meeting_id, head.seq FROM inserted JOIN head USING (meeting_id)
         ORDER BY inserted.id`,
        [batch.map((update) => update.meetingId), batch.map((update) => update.data), now],
        // Run on every store: parsed and planned once per connection (docs/performance.md).
        { name: 'sip_doc_append' },
      )
      return appendedInOrder(batch, rows)
    },

    async setFrozen(meetingId, frozen) {
      const rows = await db.query(
        `INSERT INTO doc_heads AS h (meeting_id, seq, frozen) VALUES ($1, 0, $2)
         ON CONFLICT (meeting_id) DO UPDATE SET frozen = excluded.frozen WHERE h.frozen <> excluded.frozen
         RETURNING 1`,
        [meetingId, frozen ? 1 : 0],
      )
      return rows.length > 0
    },

    async heads(meetingIds) {
      const rows = await db.query<{ meeting_id: string; seq: number; frozen: number }>(
        'SELECT meeting_id, seq, frozen FROM doc_heads WHERE meeting_id = ANY($1::text[])',
        [[...meetingIds]],
      )
      const heads: DocumentHeads = new Map()
      for (const row of rows) heads.set(row.meeting_id, { seq: row.seq, frozen: row.frozen === 1 })
      return heads
    },

    async compact(meetingId, snapshot, uptoId, now = Date.now()) {
      await db.transaction(async () => {
        // A snapshot never replaces one that covers more: another process compacted later (S8).
        await db.query(
          `INSERT INTO doc_snapshots AS s (meeting_id, upto_update_id, data, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (meeting_id) DO UPDATE SET upto_update_id = excluded.upto_update_id, data = excluded.data,
             created_at = excluded.created_at
           WHERE excluded.upto_update_id > s.upto_update_id`,
          [meetingId, uptoId, snapshot, now],
        )
        await db.query('DELETE FROM doc_updates WHERE meeting_id = $1 AND id <= $2', [meetingId, uptoId])
      })
    },
  }
}

/**
 * The statement's rows (id order) as one answer per update of the batch, in its order: the k-th
 * update of a meeting got that meeting's k-th id, and the seq its head had after the k-th bump.
 */
function appendedInOrder(
  batch: readonly { meetingId: string }[],
  rows: readonly { id: number; meeting_id: string; seq: number }[],
): Appended[] {
  const byMeeting = new Map<string, { ids: number[]; seq: number }>()
  for (const row of rows) {
    const entry = byMeeting.get(row.meeting_id) ?? { ids: [], seq: row.seq }
    entry.ids.push(row.id)
    byMeeting.set(row.meeting_id, entry)
  }
  const taken = new Map<string, number>()
  return batch.map((update): Appended => {
    const entry = byMeeting.get(update.meetingId)
    if (!entry) return 'frozen'
    const k = taken.get(update.meetingId) ?? 0
    taken.set(update.meetingId, k + 1)
    return { id: entry.ids[k]!, seq: entry.seq - entry.ids.length + k + 1 }
  })
}
