/**
 * Numbered schema migrations. Each runs once, in order, inside a transaction; `PRAGMA user_version`
 * records the last one applied. Never edit a migration that has shipped: add the next one.
 */
export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'meetings, participants, access tokens, document storage',
    sql: `
      CREATE TABLE meetings (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        child_name  TEXT NOT NULL,
        starts_at   INTEGER,
        is_demo     INTEGER NOT NULL DEFAULT 0,
        created_at  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE participants (
        id            TEXT PRIMARY KEY,
        meeting_id    TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        role          TEXT NOT NULL CHECK (role IN ('chair', 'notetaker', 'participant', 'child', 'guardian')),
        name          TEXT,
        organisation  TEXT NOT NULL,
        function      TEXT NOT NULL,
        created_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX participants_meeting ON participants(meeting_id);

      -- Only the SHA-256 of a token is stored; the token itself exists only in the link.
      CREATE TABLE access_tokens (
        id              INTEGER PRIMARY KEY,
        token_hash      BLOB NOT NULL UNIQUE,
        participant_id  TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        meeting_id      TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        expires_at      INTEGER NOT NULL,
        revoked_at      INTEGER,
        created_at      INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX access_tokens_participant ON access_tokens(participant_id);

      -- A document is its snapshot (if any) plus every update stored after it, in id order.
      CREATE TABLE doc_snapshots (
        meeting_id      TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        upto_update_id  INTEGER NOT NULL,
        data            BLOB NOT NULL,
        created_at      INTEGER NOT NULL
      ) STRICT;

      -- AUTOINCREMENT: ids are never reused after compaction deletes rows, so "id > upto" stays true.
      CREATE TABLE doc_updates (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        data        BLOB NOT NULL,
        created_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX doc_updates_meeting ON doc_updates(meeting_id, id);
    `,
  },
]
